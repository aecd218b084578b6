using Microsoft.Extensions.Options;
using Wijkwacht.Messaging;
using Wijkwacht.Scheduling;

namespace Wijkwacht.Observations;

/// <summary>
/// Asks for an observation to be forwarded into a dossier (the Dossiers feature does the forwarding, from the
/// queue message or from the check step).
/// </summary>
internal sealed class ForwardingRequests(
    FollowUpSchedule schedule,
    IMessageSender sender,
    IOptions<Queues> queues,
    IOptions<SchedulingOptions> scheduling,
    TimeProvider time,
    ILogger<ForwardingRequests> logger)
{
    /// <summary>The step kind of the safety net: forward the observation should the message be lost.</summary>
    public const string CheckKind = "forwarding-check";

    /// <summary>
    /// Queues the forwarding of a new observation. A follow-up check is armed first: should the message be
    /// lost (the send fails, the process dies), the check forwards the observation anyway.
    /// </summary>
    public async Task RequestAsync(Guid observationId, CancellationToken cancellationToken)
    {
        await schedule.ArmAsync(CheckKind, observationId.ToString(), 1, time.GetUtcNow() + scheduling.Value.ForwardingCheckDelay, cancellationToken);
        try
        {
            await sender.SendAsync(queues.Value.ForwardingQueue, $"forward-{observationId}", new ForwardDossierMessage(observationId),
                MessagesJsonContext.Default.ForwardDossierMessage, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Forwarding of observation {ObservationId} not queued; the follow-up check will do it.", observationId);
        }
    }
}
