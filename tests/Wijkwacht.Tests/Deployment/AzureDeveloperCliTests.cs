using System.Diagnostics;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Wijkwacht.Tests.Deployment;

/// <summary>
/// azure.yaml (what `azd up` reads) checked without azd: against the schema the Azure Developer CLI
/// publishes (a copy in infra/schemas/), and against the files it names.
/// </summary>
public sealed class AzureDeveloperCliTests
{
    private static readonly string AzureYaml = Path.Combine(Repository.Root, "azure.yaml");

    [Fact]
    public void AzureYamlIsValidAgainstTheSchemaOfTheAzureDeveloperCli()
    {
        var results = Validate(YamlFile.ReadElement(AzureYaml));

        Assert.True(results.IsValid, Describe(results));
    }

    [Fact]
    public void TheSchemaCheckRefusesAnAzureYamlWithAMisspeltHookSetting()
    {
        var document = YamlFile.Read(AzureYaml)!;
        var hook = document["hooks"]!["preprovision"]!["posix"]!.AsObject();
        hook["continueOnErorr"] = false;

        var results = Validate(JsonDocument.Parse(document.ToJsonString()).RootElement);

        Assert.False(results.IsValid);
    }

    [Fact]
    public void EveryHookScriptAndServicePathThatAzureYamlNamesExists()
    {
        var document = YamlFile.Read(AzureYaml)!;
        var named = new List<string>();

        var infra = document["infra"]!;
        named.Add(Path.Combine(infra["path"]!.GetValue<string>(), infra["module"]!.GetValue<string>() + ".bicep"));
        named.AddRange(HookScripts(document["hooks"], ""));
        foreach (var (name, service) in document["services"]?.AsObject() ?? [])
        {
            var project = service!["project"]!.GetValue<string>();
            Assert.True(Directory.Exists(Path.Combine(Repository.Root, project)), $"service {name}: {project} does not exist");
            named.AddRange(HookScripts(service["hooks"], project));
        }

        Assert.Contains(named, path => path.EndsWith("preprovision.sh", StringComparison.Ordinal));
        Assert.Contains(named, path => path.EndsWith("postprovision.sh", StringComparison.Ordinal));
        Assert.All(named, path =>
        {
            var full = Path.GetFullPath(Path.Combine(Repository.Root, path));
            Assert.True(File.Exists(full), $"azure.yaml names {path}, which does not exist");
            // azd runs the hooks on Linux and macOS (azure.yaml has posix hooks only).
            if (full.EndsWith(".sh", StringComparison.Ordinal) && !OperatingSystem.IsWindows())
            {
                Assert.True(File.GetUnixFileMode(full).HasFlag(UnixFileMode.UserExecute), $"{path} is not executable");
            }
        });
    }

    [Fact]
    public void TheParametersFileTakesTheCitysChoicesFromTheEnvironmentAndNamesEveryMissingOne()
    {
        var missing = ExpandParameters(new Dictionary<string, string> { ["WIJKWACHT_MAIL_FROM"] = "" });

        Assert.Equal(1, missing.ExitCode);
        foreach (var name in new[] { "AZURE_LOCATION", "WIJKWACHT_MAIL_FROM", "WIJKWACHT_COORDINATOR_EMAIL", "WIJKWACHT_SIGNED_LINK_SECRET" })
        {
            Assert.Contains(name, missing.Output, StringComparison.Ordinal);
        }

        var chosen = ExpandParameters(new Dictionary<string, string>
        {
            ["AZURE_LOCATION"] = "westeurope",
            ["AZURE_ENV_NAME"] = "production",
            ["WIJKWACHT_MAIL_FROM"] = "wijkwacht@stad.example",
            ["WIJKWACHT_COORDINATOR_EMAIL"] = "coordinatie@stad.example",
            ["WIJKWACHT_SIGNED_LINK_SECRET"] = "c2VjcmV0",
            ["WIJKWACHT_HOSTING_PLAN"] = "",
        });

        Assert.True(chosen.ExitCode == 0, chosen.Output);
        var parameters = chosen.Parameters!["parameters"]!;
        Assert.Equal("wijkwacht@stad.example", parameters["mailFrom"]!["value"]!.GetValue<string>());
        Assert.Equal("westeurope", parameters["location"]!["value"]!.GetValue<string>());
        Assert.Equal("production", parameters["tags"]!["value"]!["environment"]!.GetValue<string>());
        // An empty variable (how the pipeline passes an unset GitHub variable) takes the documented default.
        Assert.Equal("ElasticPremium", parameters["hostingPlan"]!["value"]!.GetValue<string>());
        Assert.Equal(40, parameters["maximumInstanceCount"]!["value"]!.GetValue<int>());
    }

    private static EvaluationResults Validate(JsonElement document)
    {
        var registry = new SchemaRegistry();
        // The schema refers to the schemas of azd extensions for AI hosts (azure.ai.*), which are
        // published separately and which Wijkwacht does not use: they stand in as "anything goes".
        foreach (var reference in ExternalReferences())
        {
            registry.Register(reference, JsonSchema.FromText("true", new BuildOptions { SchemaRegistry = registry }, reference));
        }
        var schema = JsonSchema.FromFile(
            Path.Combine(Repository.Root, "infra", "schemas", "azure.yaml.v1.0.json"),
            new BuildOptions { SchemaRegistry = registry });
        return schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static IEnumerable<Uri> ExternalReferences() =>
        System.Text.RegularExpressions.Regex.Matches(
                File.ReadAllText(Path.Combine(Repository.Root, "infra", "schemas", "azure.yaml.v1.0.json")),
                "\"\\$ref\":\\s*\"(https://[^\"#]+)")
            .Select(m => new Uri(m.Groups[1].Value))
            .Distinct();

    private static string Describe(EvaluationResults results) =>
        string.Join(Environment.NewLine, (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));

    private static IEnumerable<string> HookScripts(JsonNode? hooks, string serviceProject)
    {
        foreach (var (_, hook) in hooks?.AsObject() ?? [])
        {
            var variants = hook is JsonArray many ? many.ToList() : [hook];
            foreach (var variant in variants)
            {
                foreach (var config in new[] { variant, variant?["posix"], variant?["windows"] })
                {
                    if (config?["run"] is { } run && run.GetValue<string>() is var script && !script.Contains(' ', StringComparison.Ordinal))
                    {
                        yield return Path.Combine(serviceProject, script);
                    }
                }
            }
        }
    }

    private static (int ExitCode, string Output, JsonNode? Parameters) ExpandParameters(Dictionary<string, string> environment)
    {
        var output = Path.Combine(Path.GetTempPath(), $"wijkwacht-parameters-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("node", [Path.Combine(Repository.Root, "scripts", "expand-parameters.mjs"),
            Path.Combine(Repository.Root, "infra", "main.parameters.json"), output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Only the variables given here: the machine's own AZURE_* must not leak in.
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        try
        {
            return (process.ExitCode, text, File.Exists(output) ? JsonNode.Parse(File.ReadAllText(output)) : null);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
