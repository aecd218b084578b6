namespace Wijkwacht.Messaging;

/// <summary>The configured queue names; function.json files name the same settings (%ForwardingQueue%).</summary>
internal sealed class Queues
{
    public string ForwardingQueue { get; set; } = "dossier-forwarding";

    public string FollowUpQueue { get; set; } = "follow-up-steps";

    public IEnumerable<string> All => [ForwardingQueue, FollowUpQueue];
}
