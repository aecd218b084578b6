using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Wijkwacht.Storage;

namespace Wijkwacht.Tests.Dossiers;

/// <summary>
/// Weeks of follow-up on a fake clock, by the partners' real service levels in Belgian working days: Net Brussel
/// has one working day to acknowledge illegal dumping and three to resolve it. Forwarded on Tuesday 10 November
/// 2026 at 10:00, the day before Armistice.
/// </summary>
public sealed class FollowUpCalendarTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    private readonly FakeTimeProvider _time = new(At("2026-11-10 10:00"));
    private WijkwachtApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time, settings: new Dictionary<string, string?> { ["FollowUp:ReminderDelay"] = "" });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AnIgnoredDossierIsRemindedTwiceAroundTheHolidayThenEscalated()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping", _time.GetUtcNow());
        var dossier = await _app.DossierAsync(dossierId);
        Assert.Equal(At("2026-11-12 10:00"), dossier.GetProperty("acknowledgeBy").GetDateTimeOffset()); // not on Armistice
        Assert.Equal(At("2026-11-16 10:00"), dossier.GetProperty("resolveBy").GetDateTimeOffset());

        foreach (var moment in new[] { "2026-11-11 12:00", "2026-11-12 10:01", "2026-11-13 10:01", "2026-11-16 10:01", "2026-11-17 10:01", "2026-11-18 10:01", "2026-12-01 10:00" })
        {
            await MoveClockToAsync(moment);
        }

        dossier = await _app.DossierAsync(dossierId);
        Assert.Equal(
            [("acknowledgement", 1, "2026-11-12 10:01"), ("acknowledgement", 2, "2026-11-13 10:01"), ("resolution", 1, "2026-11-16 10:01"), ("resolution", 2, "2026-11-17 10:01")],
            FollowUps(dossier, "reminders"));
        Assert.Equal([("acknowledgement", 3, "2026-11-16 10:01"), ("resolution", 3, "2026-11-18 10:01")], FollowUps(dossier, "escalations"));
        Assert.True(dossier.GetProperty("escalated").GetBoolean());
        var escalation = dossier.GetProperty("escalations")[0];
        Assert.Equal("coordinatie@example.brussels", escalation.GetProperty("to").GetString());
        Assert.StartsWith("Escalatie: dossier Sluikstorten", escalation.GetProperty("subject").GetString());

        // On the agenda of the next neighbourhood-team meeting: the first Tuesday of December.
        var agenda = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>("/api/agenda?meeting=2026-12-01");
        var items = agenda.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("dossierId").GetString() == dossierId).ToList();
        Assert.Equal(["acknowledgement", "resolution"], items.Select(i => i.GetProperty("deadline").GetString()).Order());
        Assert.Equal(dossier.GetProperty("neighbourhoodId").GetString(), items[0].GetProperty("neighbourhood").GetProperty("id").GetString());
    }

    [Fact]
    public async Task APartnersOwnGapsForACategoryReplaceTheMunicipalitysBetweenRemindersAndEscalation()
    {
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        var updated = await coordinator.PutAsJsonAsync("/api/partners/net-brussel", new
        {
            name = "Net Brussel / Bruxelles-Propreté",
            language = "nl",
            email = "meldingen@net-brussel.example",
            serviceLevels = new[] { new { category = "illegal-dumping", acknowledgeWithinWorkingDays = 1, resolveWithinWorkingDays = 3, secondReminderAfterWorkingDays = 2, escalateAfterWorkingDays = 3 } },
        });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping", _time.GetUtcNow());
        foreach (var moment in new[] { "2026-11-12 10:01", "2026-11-13 10:01", "2026-11-16 10:01", "2026-11-17 10:01", "2026-11-18 10:01", "2026-11-19 10:01", "2026-11-20 10:01", "2026-11-23 10:01" })
        {
            await MoveClockToAsync(moment);
        }

        var dossier = await _app.DossierAsync(dossierId);
        Assert.Equal(
            [("acknowledgement", 1, "2026-11-12 10:01"), ("acknowledgement", 2, "2026-11-16 10:01"), ("resolution", 1, "2026-11-16 10:01"), ("resolution", 2, "2026-11-18 10:01")],
            FollowUps(dossier, "reminders").OrderBy(f => f.Deadline).ThenBy(f => f.Step));
        Assert.Equal([("acknowledgement", 3, "2026-11-19 10:01"), ("resolution", 3, "2026-11-23 10:01")], FollowUps(dossier, "escalations").OrderBy(f => f.Deadline));
    }

    [Fact]
    public async Task APartnerThatAnswersInTimeStopsTheFollowUpOfThatDeadline()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping", _time.GetUtcNow());
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");

        await MoveClockToAsync("2026-11-12 10:01");
        await MoveClockToAsync("2026-11-13 09:00");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/dossiers/{dossierId}/transitions", new { to = "acknowledged" })).StatusCode);
        await MoveClockToAsync("2026-11-13 10:01");
        await MoveClockToAsync("2026-11-16 10:01");
        await MoveClockToAsync("2026-11-17 09:00");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/dossiers/{dossierId}/transitions", new { to = "resolved" })).StatusCode);
        foreach (var moment in new[] { "2026-11-17 10:01", "2026-11-18 10:01", "2026-12-10 10:00" })
        {
            await MoveClockToAsync(moment);
        }

        var dossier = await _app.DossierAsync(dossierId);
        Assert.Equal([("acknowledgement", 1, "2026-11-12 10:01"), ("resolution", 1, "2026-11-16 10:01")], FollowUps(dossier, "reminders"));
        Assert.Empty(dossier.GetProperty("escalations").EnumerateArray());
        Assert.False(dossier.GetProperty("escalated").GetBoolean());
        Assert.Empty(await _app.Table(Tables.FollowUpDue).QueryAsync<TableEntity>().ToListAsync()); // nothing left armed
    }

    /// <summary>Moves the fake clock (Brussels time) and waits until every step due by then has run.</summary>
    private async Task MoveClockToAsync(string brusselsTime)
    {
        _time.SetUtcNow(At(brusselsTime));
        var now = _time.GetUtcNow();
        await Eventually.TrueAsync(async () =>
            !await _app.Table(Tables.FollowUpDue).QueryAsync<TableEntity>().AnyAsync(e => e.GetDateTimeOffset("DueAt") <= now)
            && (await _app.Queue(_app.Setting("FollowUpQueue")).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
            $"the follow-up due by {brusselsTime}");
    }

    private static IEnumerable<(string Deadline, int Step, string SentAt)> FollowUps(JsonElement dossier, string list) =>
        dossier.GetProperty(list).EnumerateArray().Select(f => (
            f.GetProperty("deadline").GetString()!,
            f.GetProperty("step").GetInt32(),
            TimeZoneInfo.ConvertTime(f.GetProperty("sentAt").GetDateTimeOffset(), Brussels).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));

    private static DateTimeOffset At(string brusselsTime)
    {
        var local = DateTime.ParseExact(brusselsTime, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, Brussels.GetUtcOffset(local)).ToUniversalTime();
    }
}
