namespace Wijkwacht.Tests.Hardening;

/// <summary>
/// Text with direction overrides or zero-width characters can pose as other text (a right-to-left override turns
/// "moc.live" into "evil.com"); every free-text field refuses it with an error naming the field.
/// </summary>
public sealed class FreeTextTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite, settings: new Dictionary<string, string?> { ["FollowUpSweepSchedule"] = "0 0 0 1 1 *" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public static TheoryData<string> Marks() => [.. BadInputTests.Invisible];

    [Theory]
    [MemberData(nameof(Marks))]
    public async Task AnInvisibleFormattingCharacterIsAFieldErrorWhereverTextIsTyped(string mark)
    {
        var text = $"Overlast {mark}moc.live";
        var booking = Bookings.BookingFlows.Request(DateTimeOffset.UtcNow.AddDays(1));
        booking["subject"] = text;
        var observation = Requests.Observation();
        observation["description"] = text;

        var cases = new (HttpResponseMessage Response, string Field)[]
        {
            (await _app.CreateClient().PostAsJsonAsync("/api/bookings", booking), "subject"),
            (await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", observation), "description"),
            (await _app.ClientAs("coordinator-1", "coordinator").PostAsJsonAsync("/api/partners", new { id = "p-x", name = text, language = "nl", email = "a@b.example" }), "name"),
        };

        foreach (var (response, field) in cases)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.ProblemAsync()).GetProperty("errors");
            Assert.Contains("invisible", errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OrdinaryTextInEveryScriptStillPasses()
    {
        var slots = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/officers/officer-marc/slots?type=office");
        var booking = Bookings.BookingFlows.Request(slots.GetProperty("slots")[0].GetProperty("start").GetDateTimeOffset(), email: "nadia@example.com");
        booking["subject"] = "Lawaai — bruit — noise — ضوضاء — шум — 噪音 — 💩\nTweede regel";
        booking["name"] = "Nadia El Idrissi-Vandenberghe";

        var response = await _app.CreateClient().PostAsJsonAsync("/api/bookings", booking);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
