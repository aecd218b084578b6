using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wijkwacht.Identity;
using Wijkwacht.Triggers;

namespace Wijkwacht.Tests.Hosting;

/// <summary>
/// The deployable folder scripts/publish.sh makes (scripts/test.sh makes it before the tests run), checked as the
/// Functions host would see it, and its executable started as the host starts a custom handler.
/// </summary>
public sealed class PublishedAppTests(AzuriteFixture azurite)
{
    private static readonly string Folder = Path.Combine(Repository.Root, "artifacts", "functionapp");

    [Fact]
    public void TheFolderHoldsHostJsonTheFunctionFoldersAndTheExecutableHostJsonNames()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "host.json")))!;
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", host["extensionBundle"]!["id"]!.GetValue<string>());

        var executable = Path.Combine(Folder, host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.True(File.Exists(executable), $"{executable} is missing.");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), "The handler must be executable.");

        var functions = FunctionManifest.Load(Folder);
        Assert.Contains(functions, f => f.Name == "Api" && f.IsHttp);
        Assert.Contains(functions, f => f.Trigger.Type == "serviceBusTrigger");
        Assert.Contains(functions, f => f.Trigger.Type == "timerTrigger");
        Assert.Empty(Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task EveryNonHttpFunctionHasAHandlerRouteAndEveryHandlerRouteHasAFunction()
    {
        await using var app = new WijkwachtApp(azurite, settings: new Dictionary<string, string?> { ["LocalTriggerHost:Enabled"] = "false" });
        app.StartServer();

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<TriggerFunctionAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
        var functions = FunctionManifest.Load(Folder).Where(f => !f.IsHttp).Select(f => f.Name).Order(StringComparer.Ordinal);

        Assert.Equal(functions, routes);
    }

    [Fact]
    public async Task ThePublishedHandlerAnswersTheHostOnTheCustomHandlerPortAndLeavesTriggersToTheHost()
    {
        var port = AzuriteFixture.FreePort();
        var prefix = "h" + Guid.NewGuid().ToString("N")[..10];
        var start = new ProcessStartInfo(Path.Combine(Folder, "handler"))
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(),
                ["WijkwachtStorage"] = azurite.ConnectionString,
                ["Storage__Prefix"] = prefix,
                ["ForwardingQueue"] = $"{prefix}-forwarding",
                ["FollowUpQueue"] = $"{prefix}-follow-up",
                ["FollowUpSweepSchedule"] = "0 */1 * * * *",
                ["FollowUpReconcileSchedule"] = "0 30 2 * * *",
                ["RetentionSweepSchedule"] = "0 15 3 * * *",
                ["SignedLinks__Keys__0__Id"] = "published-1",
                ["SignedLinks__Keys__0__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            },
        };
        using var handler = Process.Start(start)!;
        handler.OutputDataReceived += (_, _) => { };
        handler.ErrorDataReceived += (_, _) => { };
        handler.BeginOutputReadLine();
        handler.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    await http.GetAsync("/"); // the host's readiness probe: any answer will do
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "the handler to listen", TimeSpan.FromSeconds(30));

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);

            var warden = new ClientPrincipal("aad", "warden-1", "warden-1@example.brussels", ["authenticated", "warden"]);
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/observations") { Content = JsonContent.Create(Requests.Observation()) };
            create.Headers.Add(ClientPrincipal.HeaderName, warden.Encode());
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(create)).StatusCode);

            var sweep = await http.PostAsync("/FollowUpSweep", JsonContent.Create(new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } }));
            Assert.Equal(HttpStatusCode.OK, sweep.StatusCode);
            Assert.True((await sweep.JsonAsync()).TryGetProperty("Logs", out _));

            // Under the Functions host the host delivers queue messages: the forwarding message stays queued.
            await Task.Delay(1000);
            var queue = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, $"{prefix}-forwarding");
            Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        }
        finally
        {
            handler.Kill(entireProcessTree: true);
            await handler.WaitForExitAsync();
        }
    }
}
