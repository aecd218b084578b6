using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Wijkwacht.Triggers;

internal sealed class LocalTriggerHostOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between polls of an empty queue (the host's maxPollingInterval).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a failed message stays invisible before its next attempt (the host's visibilityTimeout).</summary>
    public TimeSpan? RetryDelay { get; set; }

    /// <summary>Attempts before a message goes to the poison queue (the host's maxDequeueCount).</summary>
    public int? MaxDequeueCount { get; set; }
}

/// <summary>
/// Plays the Functions host's part for the non-HTTP functions when the app runs without it (locally, in tests):
/// reads the function.json files, polls the Azurite queue of each queue or Service Bus trigger, fires the timer
/// schedules, and posts to the handler the same invocation payload the host would.
/// </summary>
internal sealed class LocalTriggerHost(
    IServer server,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    IHostEnvironment environment,
    QueueServiceClient queueService,
    IHttpClientFactory httpClients,
    TimeProvider time,
    IOptions<LocalTriggerHostOptions> options,
    ILogger<LocalTriggerHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);

        var appRoot = FunctionManifest.FindAppRoot(configuration, environment);
        var address = ServerAddress();
        if (appRoot is null || address is null)
        {
            logger.LogWarning("Local trigger host not started: function app folder {AppRoot}, server address {Address}.", appRoot, address);
            return;
        }

        var hostJson = HostSettings.Read(appRoot);
        var settings = options.Value;
        var invoker = new FunctionInvoker(httpClients.CreateClient(nameof(LocalTriggerHost)), address);
        var loops = new List<Task>();
        foreach (var function in FunctionManifest.Load(appRoot).Where(f => !f.IsHttp))
        {
            var trigger = function.Trigger;
            switch (trigger.Type)
            {
                case "queueTrigger" or "serviceBusTrigger":
                    var queue = queueService.GetQueueClient(FunctionManifest.Resolve(trigger.Setting("queueName") ?? "", configuration));
                    var poller = new QueuePoller(function, queue, invoker, time, logger,
                        settings.MinPollingInterval, settings.MaxPollingInterval,
                        settings.RetryDelay ?? hostJson.VisibilityTimeout, settings.MaxDequeueCount ?? hostJson.MaxDequeueCount);
                    loops.Add(poller.RunAsync(stoppingToken));
                    break;
                case "timerTrigger":
                    var schedule = FunctionManifest.Resolve(trigger.Setting("schedule") ?? "", configuration);
                    var runOnStartup = trigger.Raw["runOnStartup"]?.GetValue<bool>() ?? false;
                    loops.Add(new TimerScheduler(function, schedule, runOnStartup, invoker, time, logger).RunAsync(stoppingToken));
                    break;
                default:
                    logger.LogWarning("Function {Function}: trigger type {Type} is not run by the local trigger host.", function.Name, trigger.Type);
                    break;
            }
        }

        logger.LogInformation("Local trigger host drives {Count} functions at {Address}.", loops.Count, address);
        await Task.WhenAll(loops);
    }

    private Uri? ServerAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }
}

/// <summary>Posts an invocation to the handler's /{FunctionName} route, as the Functions host does.</summary>
internal sealed class FunctionInvoker(HttpClient http, Uri handler)
{
    /// <summary>JSON escaped as the host (Newtonsoft.Json) escapes it: quotes as \", not \u0022.</summary>
    public static readonly JsonSerializerOptions HostJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<bool> InvokeAsync(string functionName, JsonObject data, JsonObject metadata, CancellationToken cancellationToken)
    {
        var invocationId = Guid.NewGuid().ToString();
        metadata["sys"] = new JsonObject
        {
            ["MethodName"] = functionName,
            ["UtcNow"] = DateTimeOffset.UtcNow.ToString("O"),
            ["RandGuid"] = Guid.NewGuid().ToString(),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(handler, functionName))
        {
            Content = new StringContent(new JsonObject { ["Data"] = data, ["Metadata"] = metadata }.ToJsonString(HostJson), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", invocationId);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }
}
