using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Wijkwacht.Tests.Triggers;

/// <summary>
/// The local trigger host against a function app folder of the test's own: a Service Bus triggered "Probe" and a
/// timer "Tick", answered by a probe in the handler that records what the host posts and fails on request.
/// </summary>
public sealed class LocalTriggerHostTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _appRoot = Directory.CreateTempSubdirectory("wijkwacht-functions-").FullName;
    private readonly Probe _probe = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WijkwachtApp _app = null!;
    private string _queue = "";

    public ValueTask InitializeAsync()
    {
        File.Copy(Path.Combine(Repository.Root, "functions", "host.json"), Path.Combine(_appRoot, "host.json"));
        WriteFunction("Probe", """{"bindings":[{"name":"message","type":"serviceBusTrigger","direction":"in","queueName":"%ProbeQueue%","connection":"ServiceBusConnection"}]}""");
        WriteFunction("Tick", """{"bindings":[{"name":"timer","type":"timerTrigger","direction":"in","schedule":"0 */5 * * * *"}]}""");
        var prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        _queue = $"{prefix}-probe";
        _app = new WijkwachtApp(
            azurite,
            _time,
            settings: new Dictionary<string, string?> { ["FUNCTIONS_APP_ROOT_PATH"] = _appRoot, ["ProbeQueue"] = _queue },
            services: s => s.AddSingleton<IStartupFilter>(new ProbeStartup(_probe)));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_appRoot, recursive: true);
    }

    [Fact]
    public async Task AQueueMessageArrivesInTheHostsPayloadShape()
    {
        _app.StartServer();
        await _app.Queue(_queue).CreateIfNotExistsAsync();
        await _app.Queue(_queue).SendMessageAsync("""{"observationId":"5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00"}""");

        var invocation = await Eventually.GetAsync(() => Task.FromResult(_probe.Invocations.FirstOrDefault(i => i.Function == "Probe")), "the probe to be invoked");

        var data = invocation.Payload["Data"]!["message"]!.GetValue<string>();
        Assert.Equal("\"{\\\"observationId\\\":\\\"5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00\\\"}\"", data); // JSON-encoded twice
        var metadata = invocation.Payload["Metadata"]!;
        Assert.Equal("1", metadata["DeliveryCount"]!.GetValue<string>());
        Assert.StartsWith("\"", metadata["MessageId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Probe", metadata["sys"]!["MethodName"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(invocation.InvocationId));
    }

    [Fact]
    public async Task AMessageThatKeepsFailingIsTriedFiveTimesThenPoisonedAndTheHostGoesOn()
    {
        _probe.Fail = true;
        _app.StartServer();
        await _app.Queue(_queue).CreateIfNotExistsAsync();
        await _app.Queue(_queue).SendMessageAsync("""{"n":1}""");

        var poisoned = await Eventually.GetAsync(async () =>
        {
            var poison = _app.Queue(_queue + "-poison");
            return await poison.ExistsAsync() && (await poison.PeekMessagesAsync()).Value is [var message] ? message : null;
        }, "the poison queue");

        Assert.Equal("""{"n":1}""", poisoned.Body.ToString());
        Assert.Equal(["1", "2", "3", "4", "5"], _probe.Invocations.Where(i => i.Function == "Probe").Select(i => i.Payload["Metadata"]!["DeliveryCount"]!.GetValue<string>()));

        _probe.Fail = false;
        await _app.Queue(_queue).SendMessageAsync("""{"n":2}""");
        await Eventually.TrueAsync(() => Task.FromResult(_probe.Invocations.Any(i => i.Function == "Probe" && i.Payload["Data"]!["message"]!.GetValue<string>().Contains(":2", StringComparison.Ordinal))), "the next message");
        await Eventually.TrueAsync(async () => (await _app.Queue(_queue).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the queue to drain");
    }

    [Fact]
    public async Task ATimerFiresOnItsSixFieldScheduleWithTheHostsTimerPayload()
    {
        _app.StartServer();
        await Task.Delay(300); // let the scheduler arm on the fake clock

        var now = _time.GetUtcNow();
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute - (now.Minute % 5), 0, TimeSpan.Zero).AddMinutes(5);
        _time.Advance(due - now);

        var tick = await Eventually.GetAsync(() => Task.FromResult(_probe.Invocations.FirstOrDefault(i => i.Function == "Tick")), "the timer");
        var timer = tick.Payload["Data"]!["timer"]!;
        Assert.True(timer["Schedule"]!["AdjustForDST"]!.GetValue<bool>());
        Assert.False(timer["IsPastDue"]!.GetValue<bool>());
        var next = DateTimeOffset.Parse(timer["ScheduleStatus"]!["Next"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, next.Minute % 5);
        Assert.Equal(0, next.Second);
    }

    private void WriteFunction(string name, string functionJson)
    {
        Directory.CreateDirectory(Path.Combine(_appRoot, name));
        File.WriteAllText(Path.Combine(_appRoot, name, "function.json"), functionJson);
    }

    private sealed record Invocation(string Function, string InvocationId, JsonNode Payload);

    private sealed class Probe
    {
        public volatile bool Fail;

        public ConcurrentQueue<Invocation> Invocations { get; } = new();
    }

    /// <summary>Answers POST /Probe and /Tick before the app's own routes, as handler endpoints would.</summary>
    private sealed class ProbeStartup(Probe probe) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate following) =>
            {
                var function = context.Request.Path.Value?.TrimStart('/');
                if (context.Request.Method != "POST" || function is not ("Probe" or "Tick"))
                {
                    await following(context);
                    return;
                }

                var payload = await JsonNode.ParseAsync(context.Request.Body);
                probe.Invocations.Enqueue(new Invocation(function, context.Request.Headers["X-Azure-Functions-InvocationId"].ToString(), payload!));
                context.Response.StatusCode = probe.Fail && function == "Probe" ? 500 : 200;
                await context.Response.WriteAsync("""{"Outputs":{},"Logs":[],"ReturnValue":null}""");
            });
            next(app);
        };
    }
}
