using System.Collections.Concurrent;
using System.Diagnostics;

namespace Wijkwacht.Tests.Hosting;

/// <summary>
/// Storage goes away under load and comes back: wardens keep recording observations while Azurite (the test's
/// own, on disk) is stopped for several seconds and started again.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private const int Clients = 16;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(8);

    // The budget of a request (5 s) plus slack for a busy test machine: an answer later than this is a hang.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly string _location = Path.Combine(Path.GetTempPath(), $"wijkwacht-azurite-{Guid.NewGuid():N}");
    private AzuriteFixture _azurite = null!;
    private WijkwachtApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteFixture.OnDiskAsync(_location);
        _app = new WijkwachtApp(_azurite);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
        Directory.Delete(_location, recursive: true);
    }

    [Fact]
    public async Task WhileStorageIsDownEveryRequestAnswers503SoonAndNothingAcknowledgedIsLostWhenItIsBack()
    {
        var warden = _app.ClientAs("warden-1", "warden");
        warden.Timeout = TimeSpan.FromSeconds(30);
        Assert.Equal(HttpStatusCode.OK, (await warden.GetAsync("/api/health")).StatusCode);
        var acknowledged = new ConcurrentBag<Guid>();
        var answers = new ConcurrentBag<(HttpStatusCode Status, TimeSpan Took, string? Type, string? RetryAfter, string? Code, bool DuringOutage)>();
        var outage = 0; // 1 while storage is stopped
        using var stop = new CancellationTokenSource();

        async Task RecordAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var id = Guid.NewGuid();
                var during = Volatile.Read(ref outage) == 1;
                var watch = Stopwatch.StartNew();
                using var response = await warden.PostAsJsonAsync("/api/observations", Requests.Observation(id));
                var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()
                    : null;
                answers.Add((response.StatusCode, watch.Elapsed, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.ToString(), code, during));
                if (response.IsSuccessStatusCode)
                {
                    acknowledged.Add(id);
                }
            }
        }

        var load = Enumerable.Range(0, Clients).Select(_ => Task.Run(RecordAsync)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Volatile.Write(ref outage, 1);
        await _azurite.StopAsync();

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // health answers from a check at most two seconds old
        var health = await warden.GetAsync("/api/health");
        await Task.Delay(Outage);
        await _azurite.InitializeAsync();
        Volatile.Write(ref outage, 0);
        await Eventually.TrueAsync(async () => (await warden.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK, "the app to find storage again");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        // While down: a prompt 503 problem naming storage, with Retry-After; never a 500, never a hang.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var down = await health.ProblemAsync();
        Assert.Equal("storage", down.GetProperty("dependency").GetString());
        Assert.Equal("unreachable", down.GetProperty("checks").GetProperty("tables").GetString());
        var refused = answers.Where(a => !((int)a.Status is >= 200 and < 300)).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status);
            Assert.Equal("application/problem+json", a.Type);
            Assert.Equal("unavailable", a.Code);
            Assert.NotNull(a.RetryAfter);
        });
        var slowest = answers.Max(a => a.Took);
        Assert.True(slowest < Bound, $"The slowest answer took {slowest.TotalSeconds:0.0} s.");

        // Back: recording works again, and every observation that was acknowledged is there.
        Assert.Contains(answers, a => !a.DuringOutage && a.Status == HttpStatusCode.Created);
        Assert.NotEmpty(acknowledged);
        foreach (var id in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await warden.GetAsync($"/api/observations/{id}")).StatusCode);
        }
    }
}
