using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Wijkwacht.Triggers;

/// <summary>
/// What the Functions host posts to a custom handler for a non-HTTP function. The host encodes values oddly:
/// trigger strings arrive JSON-encoded twice, numbers in metadata as strings, string metadata with quotes.
/// </summary>
internal sealed record InvocationRequest(JsonObject? Data, JsonObject? Metadata)
{
    /// <summary>The trigger's payload as text, with the host's extra layer of JSON string encoding removed.</summary>
    public string ReadText(string bindingName)
    {
        var node = Data?[bindingName] ?? throw new InvalidDataException($"The invocation has no data for '{bindingName}'.");
        if (node.GetValueKind() != JsonValueKind.String)
        {
            return node.ToJsonString();
        }

        var text = node.GetValue<string>();
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"'
            ? JsonSerializer.Deserialize<string>(text) ?? ""
            : text;
    }

    public T ReadMessage<T>(string bindingName, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(ReadText(bindingName), typeInfo)
        ?? throw new InvalidDataException($"The '{bindingName}' message is empty.");

    /// <summary>How often this message was handed out: DequeueCount (queues) or DeliveryCount (Service Bus).</summary>
    public int DeliveryCount =>
        int.TryParse(MetadataText("DeliveryCount") ?? MetadataText("DequeueCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;

    public string? MetadataText(string name)
    {
        var node = Metadata?[name];
        if (node is null)
        {
            return null;
        }

        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        // Decoded, not just unquoted: the host writes the string as a JSON literal, escapes included.
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? JsonSerializer.Deserialize<string>(text) ?? "" : text;
    }
}

/// <summary>The handler's answer to the host: output bindings, log lines, a return value.</summary>
internal sealed record InvocationResult(Dictionary<string, JsonNode?> Outputs, IReadOnlyList<string> Logs, JsonNode? ReturnValue)
{
    public static InvocationResult Done(params string[] logs) => new([], logs, null);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResult))]
internal sealed partial class InvocationJsonContext : JsonSerializerContext;
