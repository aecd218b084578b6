using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Wijkwacht.Tests.Deployment;

/// <summary>
/// The GitHub Actions workflows, checked offline: every file by action-validator (the npm package
/// @action-validator/cli, pinned in package.json, which checks against the workflow schema), and the
/// properties a city's IT team relies on: tests on every pull request, OpenID Connect sign-in without
/// stored deployment secrets, production only after staging, actions pinned to a version.
/// </summary>
public sealed partial class WorkflowTests
{
    private static readonly string Workflows = Path.Combine(Repository.Root, ".github", "workflows");

    [Fact]
    public async Task EveryWorkflowPassesTheOfflineWorkflowValidator()
    {
        var files = Directory.GetFiles(Workflows, "*.yml");

        Assert.True(files.Length >= 3, "expected the tests, release and deploy workflows");
        foreach (var file in files)
        {
            var (exitCode, output) = await ValidateAsync(file);
            Assert.True(exitCode == 0, $"{Path.GetFileName(file)}: {output}");
        }
    }

    [Fact]
    public async Task TheWorkflowValidatorRefusesAJobWithAMisspeltKey()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wijkwacht-workflow-{Guid.NewGuid():N}.yml");
        var text = await File.ReadAllTextAsync(Path.Combine(Workflows, "tests.yml"));
        await File.WriteAllTextAsync(file, text.Replace("runs-on:", "run-on:", StringComparison.Ordinal));
        try
        {
            var (exitCode, output) = await ValidateAsync(file);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("run-on", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void EveryPullRequestRunsTheReadmeTestCommand()
    {
        var workflow = YamlFile.Read(Path.Combine(Workflows, "tests.yml"))!;

        Assert.True(workflow["on"]!.AsObject().ContainsKey("pull_request"));
        var steps = workflow["jobs"]!["test"]!["steps"]!.AsArray();
        Assert.Contains(steps, step => step?["run"]?.GetValue<string>() == "scripts/test.sh");
        Assert.Contains(steps, step => step?["uses"]?.GetValue<string>().StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true);
        Assert.Contains(steps, step => step?["with"]?["node-version"]?.ToString() == "20");
    }

    [Fact]
    public void AVersionTagDeploysToStagingAndThenToProductionThroughTheSameSteps()
    {
        var release = YamlFile.Read(Path.Combine(Workflows, "release.yml"))!;

        Assert.Equal(["v*"], release["on"]!["push"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        var jobs = release["jobs"]!;
        Assert.Equal("build", jobs["staging"]!["needs"]!.GetValue<string>());
        Assert.Equal("staging", jobs["production"]!["needs"]!.GetValue<string>());
        foreach (var environment in new[] { "staging", "production" })
        {
            Assert.Equal("./.github/workflows/deploy.yml", jobs[environment]!["uses"]!.GetValue<string>());
            Assert.Equal(environment, jobs[environment]!["with"]!["environment"]!.GetValue<string>());
        }

        var deploy = YamlFile.Read(Path.Combine(Workflows, "deploy.yml"))!["jobs"]!["deploy"]!;
        Assert.Equal("${{ inputs.environment }}", deploy["environment"]!["name"]!.GetValue<string>());
        var runs = deploy["steps"]!.AsArray().Select(s => s?["run"]?.GetValue<string>()).Where(r => r is not null).ToList();
        Assert.Equal(["scripts/provision.sh", "scripts/deploy.sh"], runs);
        Assert.All(runs, run => Assert.True(File.Exists(Path.Combine(Repository.Root, run!)), $"{run} does not exist"));
    }

    [Fact]
    public void DeploymentsSignInToAzureWithOpenIdConnectAndStoreNoDeploymentSecret()
    {
        var path = Path.Combine(Workflows, "deploy.yml");
        var deploy = YamlFile.Read(path)!["jobs"]!["deploy"]!;

        Assert.Equal("write", deploy["permissions"]?["id-token"]?.GetValue<string>()
            ?? YamlFile.Read(path)!["permissions"]!["id-token"]!.GetValue<string>());
        var login = deploy["steps"]!.AsArray().Single(s => s?["uses"]?.GetValue<string>().StartsWith("azure/login@", StringComparison.Ordinal) == true)!;
        var with = login["with"]!.AsObject();
        Assert.Equal(["client-id", "tenant-id", "subscription-id"], with.Select(p => p.Key));
        Assert.All(with, p => Assert.StartsWith("${{ vars.", p.Value!.GetValue<string>(), StringComparison.Ordinal));

        // The only secret any workflow reads is the optional sign-in secret of the site's Entra app.
        var secrets = Directory.GetFiles(Workflows, "*.yml")
            .SelectMany(file => SecretReference().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Distinct();
        Assert.Equal(["WIJKWACHT_ENTRA_CLIENT_SECRET"], secrets);
    }

    [Fact]
    public void EveryActionIsPinnedToAnExactVersion()
    {
        var uses = Directory.GetFiles(Workflows, "*.yml")
            .SelectMany(file => UsesLine().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, action => Assert.Matches(@"^(\./\.github/workflows/[\w-]+\.yml|[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+)$", action));
    }

    private static async Task<(int ExitCode, string Output)> ValidateAsync(string file)
    {
        // The validator checks path globs relative to the working directory: run it from the repository root.
        var start = new ProcessStartInfo("node", [Path.Combine(Repository.Root, "node_modules", "@action-validator", "cli", "cli.mjs"), file])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var validator = Process.Start(start)!;
        var output = await validator.StandardOutput.ReadToEndAsync() + await validator.StandardError.ReadToEndAsync();
        await validator.WaitForExitAsync();
        return (validator.ExitCode, output);
    }

    [GeneratedRegex(@"\$\{\{\s*secrets\.([A-Za-z0-9_]+)")]
    private static partial Regex SecretReference();

    [GeneratedRegex(@"^\s*(?:-\s+)?uses:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex UsesLine();
}
