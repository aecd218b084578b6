using Microsoft.Extensions.Time.Testing;

namespace Wijkwacht.Tests.CitizenReports;

/// <summary>
/// Staff enter reports that came by phone, letter, e-mail, social media, a street mailbox or another service: they
/// follow the citizen's flow, the answer date counts from the day received, and possible duplicates are shown.
/// </summary>
public sealed class IntakeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 21, 10, 0, 0, TimeSpan.FromHours(1)));
    private WijkwachtApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ALetterIsEnteredWithTheDateItArrivedAndItsWriterIsAcknowledged()
    {
        var answer = await EnterAsync(Intake("letter", "2026-12-18T09:00:00+01:00", 50.8531, 4.3551, email: "jan.claes@example.com"));

        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var receipt = await answer.JsonAsync();
        Assert.Equal("2026-12-22", receipt.GetProperty("expectedAnswerBy").GetString()); // Friday's letter: Monday, Tuesday
        Assert.True(receipt.GetProperty("acknowledgementMailed").GetBoolean());
        var reference = receipt.GetProperty("reference").GetString()!;
        var status = await (await _app.StatusAsync(reference, Flows.Query(new Uri(receipt.GetProperty("statusUrl").GetString()!), "token"))).JsonAsync();
        Assert.Equal("Sluikstorten", status.GetProperty("categoryLabel").GetString());
        var mail = await Eventually.GetAsync(async () => (await _app.MailAsync($"{reference.ToLowerInvariant()}-received"))?.Body, "the acknowledgement");
        Assert.Contains("dinsdag 22 december 2026", mail);
        Assert.DoesNotContain("hoek", mail);
    }

    [Fact]
    public async Task OpenDossiersOfTheSameCategoryWithin50MetresFromTheLast14DaysAreSuggestedAsDuplicates()
    {
        var near = await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "illegal-dumping", _time.GetUtcNow(), 50.8500, 4.3500));
        await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "illegal-dumping", _time.GetUtcNow(), 50.8500, 4.3510)); // 70 m east
        await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "noise", _time.GetUtcNow(), 50.8500, 4.3500)); // another category

        var receipt = await (await EnterAsync(Intake("phone", "2026-12-21T09:30:00+01:00", 50.8503, 4.3500))).JsonAsync();

        var duplicate = Assert.Single(receipt.GetProperty("possibleDuplicates").EnumerateArray());
        Assert.Equal(near, duplicate.GetProperty("dossierId").GetString());
        Assert.InRange(duplicate.GetProperty("distanceMeters").GetInt32(), 30, 36);
        Assert.Equal("forwarded", duplicate.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnIntakeWithAnUnknownChannelOrAFutureDateIsRefusedNamingTheField()
    {
        var channel = await EnterAsync(Intake("pigeon", "2026-12-21T09:00:00+01:00", 50.85, 4.35));
        var future = await EnterAsync(Intake("phone", "2026-12-24T09:00:00+01:00", 50.85, 4.35));

        Assert.True((await channel.ProblemAsync()).GetProperty("errors").TryGetProperty("channel", out _));
        Assert.True((await future.ProblemAsync()).GetProperty("errors").TryGetProperty("receivedAt", out _));
    }

    private Task<HttpResponseMessage> EnterAsync(Dictionary<string, object?> intake) =>
        _app.ClientAs("coordinator-1", "coordinator").PostAsJsonAsync("/api/intake", intake);

    private static Dictionary<string, object?> Intake(string channel, string receivedAt, double latitude, double longitude, string? email = null) => new()
    {
        ["channel"] = channel,
        ["receivedAt"] = receivedAt,
        ["category"] = "illegal-dumping",
        ["latitude"] = latitude,
        ["longitude"] = longitude,
        ["description"] = "Brief van een bewoner: afval aan de hoek.",
        ["email"] = email,
        ["language"] = "nl",
    };
}
