using System.Diagnostics;
using System.Text.Json.Nodes;
using Wijkwacht.Messaging;
using Wijkwacht.Storage;
using Wijkwacht.Triggers;

namespace Wijkwacht.Tests.Infra;

/// <summary>
/// The Bicep templates (infra/) against the code and the local settings: a setting the handler reads but Azure
/// never gets, a queue the code sends to that the namespace lacks, or a table the account does not have, shows up
/// here rather than after a deployment.
/// </summary>
public sealed class InfrastructureAgreementTests
{
    // Read locally but deliberately not set in Azure, each for its reason.
    private static readonly Dictionary<string, string> LocalOnly = new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development locally; unset in Azure is Production",
        ["Storage__Prefix"] = "keeps test runs apart in one Azurite; empty (the default) in Azure",
        ["FollowUp__ReminderDelay"] = "demos only: in Azure deadlines come from the partners' working days",
        ["LocalTriggerHost__MaxPollingInterval"] = "the local trigger host's; it is off in Azure (LocalTriggerHost__Enabled=false)",
        ["LocalTriggerHost__RetryDelay"] = "the local trigger host's; it is off in Azure",
        ["Storage__CorsOrigins"] = "Azurite's CORS rule, set by the app at start-up; in Azure storage.bicep sets the account's rule",
        ["Logging__LogLevel__Default"] = "console verbosity of a local run; in Azure host.json and Application Insights decide",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "as Logging__LogLevel__Default",
        ["Logging__LogLevel__System.Net.Http.HttpClient"] = "as Logging__LogLevel__Default",
        ["Logging__LogLevel__Azure"] = "as Logging__LogLevel__Default",
    };

    // Set in Azure only: the host's own settings and the identity-based forms of connections.
    private static readonly Dictionary<string, string> AzureOnly = new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage__accountName"] = "the host's storage over the managed identity (AzureWebJobsStorage locally)",
        ["AzureWebJobsStorage__credential"] = "read by the Functions host only",
        ["AzureWebJobsStorage__clientId"] = "read by the Functions host only",
        ["ServiceBusConnection__credential"] = "read by the Functions host's trigger only; the handler uses the clientId",
        ["WijkwachtStorage__accountName"] = "the app's storage over the managed identity (a connection string locally)",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "telemetry of the host in Azure",
        ["AZURE_CLIENT_ID"] = "picks the user-assigned identity for DefaultAzureCredential",
        ["FUNCTIONS_EXTENSION_VERSION"] = "the host version on Elastic Premium; the Core Tools pick it locally",
        ["WEBSITE_RUN_FROM_PACKAGE"] = "Elastic Premium runs the package blob; locally the build output runs",
        ["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"] = "the identity that reads that blob",
    };

    // Set in both, but under another form in one of them: a connection string locally, an account name in Azure.
    private static readonly Dictionary<string, string> ConnectionForms = new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage"] = "AzureWebJobsStorage__accountName",
        ["WijkwachtStorage"] = "WijkwachtStorage__accountName",
        ["ServiceBusConnection"] = "ServiceBusConnection__fullyQualifiedNamespace",
    };

    [Fact]
    public async Task TheTemplatesBuildAndLintWithoutAnyDiagnostic()
    {
        // validate.sh fetches the pinned bicep CLI from NuGet on first use, then builds and lints offline.
        var validate = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "infra", "validate.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(validate)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"infra/validate.sh exited {process.ExitCode}:\n{await output}{await errors}");
    }

    [Fact]
    public void EverySettingTheHandlerReadsLocallyIsSetInAzure()
    {
        var azure = BicepTemplates.Load().AppSettings();

        var missing = SampleSettings().Keys
            .Where(s => !LocalOnly.ContainsKey(s))
            .Select(s => ConnectionForms.GetValueOrDefault(s, s))
            .Select(BicepTemplates.Numbered)
            .Where(s => !azure.Contains(s))
            .ToList();

        Assert.True(missing.Count == 0, $"Set in local.settings.sample.json but not by infra/ (add them to wijkwachtSettings in main.bicep, or to LocalOnly here with the reason): {string.Join(", ", missing)}");
    }

    [Fact]
    public void EverySettingAzureGetsIsInTheLocalSettings()
    {
        var local = SampleSettings().Keys.Select(s => ConnectionForms.GetValueOrDefault(s, s)).Select(BicepTemplates.Numbered).ToHashSet();

        var missing = BicepTemplates.Load().AppSettings()
            .Where(s => !AzureOnly.ContainsKey(s) && !local.Contains(s))
            .ToList();

        Assert.True(missing.Count == 0, $"Set by infra/ but not in local.settings.sample.json (add them there with a safe local value, or to AzureOnly here with the reason): {string.Join(", ", missing)}");
    }

    [Fact]
    public void TheAllowListsNameOnlySettingsThatExist()
    {
        var local = SampleSettings().Keys.ToHashSet();
        var azure = BicepTemplates.Load().AppSettings();

        Assert.All(LocalOnly.Keys, s => Assert.True(local.Contains(s) && !azure.Contains(BicepTemplates.Numbered(s)), $"{s} is not local-only."));
        Assert.All(AzureOnly.Keys, s => Assert.Contains(s, azure));
        Assert.All(ConnectionForms, f => Assert.True(local.Contains(f.Key) && azure.Contains(f.Value), $"{f.Key} / {f.Value}"));
    }

    [Fact]
    public void TheServiceBusNamespaceHasExactlyTheQueuesTheCodeSendsToUnderTheSameNames()
    {
        var bicep = BicepTemplates.Load();
        var sample = SampleSettings();
        var defaults = new Queues();

        Assert.Equal(defaults.All.Order(), bicep.ServiceBusQueues().Order());
        (string Setting, string Name)[] queues = [("ForwardingQueue", defaults.ForwardingQueue), ("FollowUpQueue", defaults.FollowUpQueue)];
        foreach (var (setting, name) in queues)
        {
            Assert.Equal(name, bicep.SettingValue(setting));
            Assert.Equal(name, sample[setting]);
        }
    }

    [Fact]
    public void EveryQueueTheCodeSendsToHasAServiceBusTriggerAndEveryTriggerSettingIsSetInAzure()
    {
        var functions = FunctionManifest.Load(Path.Combine(Repository.Root, "functions"));
        var azure = BicepTemplates.Load().AppSettings();
        var serviceBusTriggers = functions.Where(f => f.Trigger.Type == "serviceBusTrigger").ToList();

        Assert.Equal(
            ["%FollowUpQueue%", "%ForwardingQueue%"],
            serviceBusTriggers.Select(f => f.Trigger.Setting("queueName")).Order(StringComparer.Ordinal));
        Assert.All(serviceBusTriggers, f => Assert.Contains($"{f.Trigger.Setting("connection")}__fullyQualifiedNamespace", azure));
        var named = functions.SelectMany(f => f.Bindings).SelectMany(b => b.Raw.Select(p => p.Value))
            .Where(v => v?.GetValueKind() == JsonValueKind.String)
            .SelectMany(v => System.Text.RegularExpressions.Regex.Matches(v!.GetValue<string>(), "%([^%]+)%").Select(m => m.Groups[1].Value))
            .ToList();
        Assert.NotEmpty(named);
        Assert.All(named, setting => Assert.Contains(setting, azure));
    }

    [Fact]
    public void TheStorageAccountHasExactlyTheTablesAndContainersTheCodeUses()
    {
        var bicep = BicepTemplates.Load();

        Assert.Equal(Tables.All.Order(StringComparer.Ordinal), bicep.StorageTables().Order(StringComparer.Ordinal));
        Assert.Equal(Containers.All.Order(StringComparer.Ordinal), bicep.StorageContainers().Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> SampleSettings() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "local.settings.sample.json")))!["Values"]!.AsObject()
            .ToDictionary(v => v.Key, v => v.Value!.GetValue<string>(), StringComparer.Ordinal);
}
