using System.Globalization;
using System.Text.Json.Nodes;

namespace Wijkwacht.Triggers;

/// <summary>The queue retry settings of host.json, so the local trigger host retries as the real host would.</summary>
internal sealed record HostSettings(int MaxDequeueCount, TimeSpan VisibilityTimeout)
{
    public static HostSettings Read(string appRoot)
    {
        var queues = JsonNode.Parse(File.ReadAllText(Path.Combine(appRoot, "host.json")))?["extensions"]?["queues"];
        var maxDequeueCount = queues?["maxDequeueCount"]?.GetValue<int>() ?? 5;
        var visibility = queues?["visibilityTimeout"]?.GetValue<string>();
        return new HostSettings(
            maxDequeueCount,
            visibility is null ? TimeSpan.Zero : TimeSpan.Parse(visibility, CultureInfo.InvariantCulture));
    }
}
