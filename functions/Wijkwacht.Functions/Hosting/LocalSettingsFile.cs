using System.Text.Json;

namespace Wijkwacht.Hosting;

internal static class LocalSettingsFile
{
    /// <summary>The "Values" of a local.settings.json, with Functions' "__" section separator turned into ":".</summary>
    public static Dictionary<string, string?> ReadValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("Values", out var values))
        {
            return [];
        }

        return values.EnumerateObject().ToDictionary(
            p => p.Name.Replace("__", ":", StringComparison.Ordinal),
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
    }
}
