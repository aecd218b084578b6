using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Wijkwacht.Triggers;

/// <summary>One binding of a function.json.</summary>
internal sealed record FunctionBinding(string Name, string Type, string Direction, JsonObject Raw)
{
    public string? Setting(string property) => Raw[property]?.GetValue<string>();
}

/// <summary>A function as the Functions host sees it: its folder name and the bindings of its function.json.</summary>
internal sealed record FunctionDefinition(string Name, IReadOnlyList<FunctionBinding> Bindings)
{
    public FunctionBinding Trigger => Bindings.Single(b => b.Direction == "in" && b.Type.EndsWith("Trigger", StringComparison.Ordinal));

    public bool IsHttp => Trigger.Type == "httpTrigger";
}

/// <summary>
/// Reads the function.json files of the function app: the single source of truth for which non-HTTP functions
/// exist, both for the Functions host in Azure and for the local trigger host.
/// </summary>
internal static partial class FunctionManifest
{
    public static IReadOnlyList<FunctionDefinition> Load(string appRoot) =>
        [.. Directory.EnumerateDirectories(appRoot)
            .Where(dir => File.Exists(Path.Combine(dir, "function.json")))
            .Order(StringComparer.Ordinal)
            .Select(dir => Parse(Path.GetFileName(dir), File.ReadAllText(Path.Combine(dir, "function.json"))))];

    public static FunctionDefinition Parse(string name, string functionJson)
    {
        var root = JsonNode.Parse(functionJson)?.AsObject() ?? throw new InvalidDataException($"{name}/function.json is empty.");
        var bindings = root["bindings"]?.AsArray() ?? throw new InvalidDataException($"{name}/function.json has no bindings.");
        return new FunctionDefinition(name, [.. bindings.Select(b =>
        {
            var binding = b!.AsObject();
            return new FunctionBinding(
                binding["name"]!.GetValue<string>(),
                binding["type"]!.GetValue<string>(),
                binding["direction"]!.GetValue<string>(),
                binding);
        })]);
    }

    /// <summary>Replaces %SettingName% with the setting's value, as the Functions host does for binding expressions.</summary>
    public static string Resolve(string value, IConfiguration configuration) =>
        SettingReference().Replace(value, match =>
            configuration[match.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal)]
            ?? throw new InvalidOperationException($"The setting {match.Groups[1].Value} named in a function.json is not set."));

    /// <summary>The function app folder: where host.json is, beside the executable in Azure, functions/ locally.</summary>
    public static string? FindAppRoot(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["FUNCTIONS_APP_ROOT_PATH"];
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
        {
            var hostJson = Hosting.HostingSetup.FindUpwards(start, "host.json");
            if (hostJson is not null)
            {
                return Path.GetDirectoryName(hostJson);
            }
        }

        return null;
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
