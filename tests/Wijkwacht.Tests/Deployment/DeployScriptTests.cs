using System.Diagnostics;

namespace Wijkwacht.Tests.Deployment;

/// <summary>
/// scripts/deploy.sh, which `azd up` and the release pipeline both run, against stand-ins for the Azure CLI
/// and npx that answer like the documented commands and record every call. Azure itself is out of reach
/// here; what is checked is that the script takes the right path for the hosting plan it finds.
/// </summary>
public sealed class DeployScriptTests : IDisposable
{
    private const string Token = "swa-deployment-token-7f3a";
    private readonly string _tools = Directory.CreateTempSubdirectory("wijkwacht-deploy-").FullName;

    public void Dispose() => Directory.Delete(_tools, recursive: true);

    [Fact]
    public async Task OnElasticPremiumThePackageReplacesTheBlobTheAppRunsFromThenTheAppRestartsWithItsTriggersSynced()
    {
        var (exitCode, output, calls) = await DeployAsync(
            runFromPackage: "https://stwijkwachtabc123.blob.core.windows.net/app-package/functionapp.zip");

        Assert.True(exitCode == 0, output);
        var upload = Assert.Single(calls, c => c.StartsWith("az storage blob upload", StringComparison.Ordinal));
        Assert.Contains("--auth-mode login", upload, StringComparison.Ordinal);
        Assert.Contains("--account-name stwijkwachtabc123", upload, StringComparison.Ordinal);
        Assert.Contains("--container-name app-package", upload, StringComparison.Ordinal);
        Assert.Contains("--name functionapp.zip", upload, StringComparison.Ordinal);
        Assert.Contains("--overwrite", upload, StringComparison.Ordinal);
        var restart = calls.FindIndex(c => c.StartsWith("az functionapp restart -g rg-test -n wijkwacht-func-abc", StringComparison.Ordinal));
        var sync = calls.FindIndex(c => c.StartsWith("az rest --method post", StringComparison.Ordinal)
            && c.Contains("/providers/Microsoft.Web/sites/wijkwacht-func-abc/syncfunctiontriggers?", StringComparison.Ordinal));
        Assert.True(calls.IndexOf(upload) < restart && restart < sync, string.Join(Environment.NewLine, calls));
        Assert.DoesNotContain(calls, c => c.Contains("config-zip", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnFlexConsumptionThePackageGoesThroughOneDeployAndTheSiteReceivesItsTokenOnlyThroughTheEnvironment()
    {
        var (exitCode, output, calls) = await DeployAsync(runFromPackage: "");

        Assert.True(exitCode == 0, output);
        Assert.Contains(calls, c => c.StartsWith("az functionapp deployment source config-zip -g rg-test -n wijkwacht-func-abc --src ", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, c => c.StartsWith("az storage blob upload", StringComparison.Ordinal));

        var site = Assert.Single(calls, c => c.StartsWith("npx --", StringComparison.Ordinal));
        Assert.StartsWith("npx --yes @azure/static-web-apps-cli@2.0.10 deploy . --env production", site, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, site, StringComparison.Ordinal);
        Assert.Contains($"npx environment: token={Token} staticwebapp.config.json-in-working-directory=yes", calls);
        Assert.Contains("Deployed: https://calm-sea-0123.azurestaticapps.net/", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutABuildTheScriptStopsBeforeTouchingAzure()
    {
        var (exitCode, output, calls) = await DeployAsync(runFromPackage: "", package: Path.Combine(_tools, "missing.zip"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("run scripts/build.sh first", output, StringComparison.Ordinal);
        Assert.Empty(calls);
    }

    private async Task<(int ExitCode, string Output, List<string> Calls)> DeployAsync(string runFromPackage, string? package = null)
    {
        var log = Path.Combine(_tools, "calls.log");
        var site = Directory.CreateDirectory(Path.Combine(_tools, "site")).FullName;
        await File.WriteAllTextAsync(Path.Combine(site, "index.html"), "<!doctype html><title>Wijkwacht</title>");
        await File.WriteAllTextAsync(Path.Combine(site, "staticwebapp.config.json"), "{}");
        var zip = Path.Combine(_tools, "functionapp.zip");
        await File.WriteAllBytesAsync(zip, [0x50, 0x4b, 0x05, 0x06, .. new byte[18]]);

        // Answers in the shape of the documented `az ... --query ... -o tsv` commands the script runs.
        WriteTool("az", $$"""
            #!/usr/bin/env bash
            echo "az $*" >> "{{log}}"
            case "$*" in
              "functionapp list "*) echo wijkwacht-func-abc ;;
              "staticwebapp list "*) echo wijkwacht-swa-abc ;;
              "functionapp config appsettings list "*) echo "{{runFromPackage}}" ;;
              "functionapp show "*) echo /subscriptions/0000/resourceGroups/rg-test/providers/Microsoft.Web/sites/wijkwacht-func-abc ;;
              "staticwebapp secrets list "*) echo {{Token}} ;;
              "staticwebapp show "*) echo calm-sea-0123.azurestaticapps.net ;;
            esac
            """);
        WriteTool("npx", $$"""
            #!/usr/bin/env bash
            config=no; [ -f staticwebapp.config.json ] && config=yes
            echo "npx $*" >> "{{log}}"
            echo "npx environment: token=${SWA_CLI_DEPLOYMENT_TOKEN:-} staticwebapp.config.json-in-working-directory=$config" >> "{{log}}"
            """);

        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "deploy.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{_tools}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["AZURE_RESOURCE_GROUP"] = "rg-test";
        start.Environment["DEPLOY_PACKAGE"] = package ?? zip;
        start.Environment["DEPLOY_SITE"] = site;
        start.Environment.Remove("GITHUB_ACTIONS");
        start.Environment.Remove("GITHUB_OUTPUT");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var calls = File.Exists(log) ? (await File.ReadAllLinesAsync(log)).ToList() : [];
        return (process.ExitCode, output, calls);
    }

    private void WriteTool(string name, string script)
    {
        var path = Path.Combine(_tools, name);
        File.WriteAllText(path, script.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
