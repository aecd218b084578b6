using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wijkwacht.Dossiers;
using Wijkwacht.Observations;
using Wijkwacht.Scheduling;
using Wijkwacht.Storage;

namespace Wijkwacht.Tests.Scheduling;

/// <summary>
/// The follow-up timers on a fake clock: the local trigger host fires the sweep when the clock passes the
/// schedule, and the due steps run through the queue for real.
/// </summary>
public sealed class FollowUpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WijkwachtApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AnUnacknowledgedDossierGetsAReminderOnceTheDelayHasPassed()
    {
        var dossierId = await ForwardedDossierAsync();

        _time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(2));
        await SweepHasRunAsync();
        Assert.Empty((await _app.DossierAsync(dossierId)).GetProperty("reminders").EnumerateArray());

        _time.Advance(TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(async () => (await _app.DossierAsync(dossierId)).GetProperty("reminders").GetArrayLength() > 0, "a reminder");

        var reminder = Assert.Single((await _app.DossierAsync(dossierId)).GetProperty("reminders").EnumerateArray());
        Assert.Equal(1, reminder.GetProperty("step").GetInt32());
        Assert.StartsWith("Herinnering 1:", reminder.GetProperty("subject").GetString());
        // Recorded on the dossier first, then sent: the mail follows right after.
        await Eventually.TrueAsync(async () => (await _app.OutboxAsync()).GetArrayLength() == 2, "the reminder mail");
    }

    [Fact]
    public async Task AnAcknowledgedDossierGetsNoReminder()
    {
        var dossierId = await ForwardedDossierAsync();
        var acknowledged = await _app.ClientAs("coordinator-1", "coordinator")
            .PostAsJsonAsync($"/api/dossiers/{dossierId}/transitions", new { to = "acknowledged" });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        _time.Advance(TimeSpan.FromDays(3));
        await SweepHasRunAsync();
        await FollowUpQueueDrainedAsync();

        var dossier = await _app.DossierAsync(dossierId);
        Assert.Equal("acknowledged", dossier.GetProperty("status").GetString());
        Assert.Empty(dossier.GetProperty("reminders").EnumerateArray());
        Assert.Equal(1, (await _app.OutboxAsync()).GetArrayLength());
    }

    [Fact]
    public async Task AnAcknowledgementRacingTheReminderNeverLeavesAReminderMailWithoutItsRecord()
    {
        var dossierIds = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            dossierIds.Add(await ForwardedDossierAsync());
        }

        // Every reading of the clock from here on is a tick later than the one before, so the times the app records
        // tell in which order it recorded them, even within the race.
        _time.AutoAdvanceAmount = TimeSpan.FromTicks(1);
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        var acknowledgements = dossierIds.Select(id => coordinator.PostAsJsonAsync($"/api/dossiers/{id}/transitions", new { to = "acknowledged" }));
        _time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        Assert.All(await Task.WhenAll(acknowledgements), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await SweepHasRunAsync();
        await FollowUpQueueDrainedAsync();

        var mails = (await _app.OutboxAsync()).EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToHashSet();
        foreach (var id in dossierIds)
        {
            var dossier = await _app.DossierAsync(id);
            Assert.Equal("acknowledged", dossier.GetProperty("status").GetString());
            var recorded = dossier.GetProperty("reminders").GetArrayLength() > 0;
            // Recorded first, sent after: a mail exists exactly when the dossier says a reminder went out, and the
            // dossier row's ETag lets a reminder be recorded only while the dossier still awaited acknowledgement.
            Assert.Equal(recorded, mails.Contains($"{id}-acknowledgement-reminder-1"));
            // And never after the acknowledgement: a reminder recorded later would have overwritten a newer dossier.
            var acknowledgedAt = Assert.Single(dossier.GetProperty("history").EnumerateArray(), h => h.GetProperty("change").GetString() == "Forwarded-Acknowledged")
                .GetProperty("at").GetDateTimeOffset();
            Assert.Equal(acknowledgedAt, dossier.GetProperty("acknowledgedAt").GetDateTimeOffset());
            Assert.All(dossier.GetProperty("reminders").EnumerateArray(), r => Assert.True(
                r.GetProperty("sentAt").GetDateTimeOffset() < acknowledgedAt, $"Dossier {id} got a reminder at {r.GetProperty("sentAt")}, after its acknowledgement at {acknowledgedAt:O}."));
        }
    }

    private Task<string> ForwardedDossierAsync() => _app.RecordAndForwardAsync(Guid.NewGuid(), now: _time.GetUtcNow());

    /// <summary>Every step due by the fake now has left the due-time index: the sweep has dispatched it.</summary>
    private async Task SweepHasRunAsync()
    {
        var now = _time.GetUtcNow();
        await Eventually.TrueAsync(async () =>
            !await _app.Table(Tables.FollowUpDue).QueryAsync<TableEntity>().AnyAsync(e => e.GetDateTimeOffset("DueAt") <= now), "the sweep");
    }

    private async Task FollowUpQueueDrainedAsync() =>
        await Eventually.TrueAsync(async () => (await _app.Queue(_app.Setting("FollowUpQueue")).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the follow-up queue to drain");
}

/// <summary>The sweep itself, called as the Functions host calls a timer function, with the local trigger host off.</summary>
public sealed class FollowUpSweepTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.Zero));
    private WijkwachtApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time, settings: new Dictionary<string, string?> { ["LocalTriggerHost:Enabled"] = "false", ["FollowUp:ReminderDelay"] = "" });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AfterADayDownTheNextSweepDispatchesEveryDueStepExactlyOnce()
    {
        var schedule = _app.Services.GetRequiredService<FollowUpSchedule>();
        var now = _time.GetUtcNow();
        var due = Enumerable.Range(1, 30).Select(i => now - TimeSpan.FromMinutes(47 * i)).ToList(); // spread over 23 hours
        foreach (var at in due)
        {
            await schedule.ArmAsync(ForwardingRequests.CheckKind, Guid.NewGuid().ToString(), 1, at, CancellationToken.None);
        }

        await schedule.ArmAsync(ForwardingRequests.CheckKind, "later", 1, now + TimeSpan.FromMinutes(1), CancellationToken.None);

        var first = await SweepAsync();
        var second = await SweepAsync();

        Assert.Equal("30 follow-up steps dispatched.", first);
        Assert.Equal("0 follow-up steps dispatched.", second);
        var messages = await _app.Queue(_app.Setting("FollowUpQueue")).PeekMessagesAsync(32);
        Assert.Equal(30, messages.Value.Length);
        var remaining = Assert.Single(await _app.Table(Tables.FollowUpDue).QueryAsync<TableEntity>().ToListAsync());
        Assert.Equal("later", remaining.GetString("TargetId"));
    }

    [Fact]
    public async Task ArmingTheSameStepTwiceDispatchesItOnce()
    {
        var schedule = _app.Services.GetRequiredService<FollowUpSchedule>();
        var at = _time.GetUtcNow() - TimeSpan.FromMinutes(5);
        await schedule.ArmAsync(DossierStepKinds.Acknowledgement, "dossier-1", 1, at, CancellationToken.None);
        await schedule.ArmAsync(DossierStepKinds.Acknowledgement, "dossier-1", 1, at, CancellationToken.None);

        Assert.Equal("1 follow-up steps dispatched.", await SweepAsync());
    }

    [Fact]
    public async Task TheDailyReconciliationArmsAgainTheNextStepOfEveryOpenDossierWhoseWakeUpWasLost()
    {
        var store = _app.Services.GetRequiredService<DossierStore>();
        var forwardedAt = _time.GetUtcNow() - TimeSpan.FromDays(3);
        var open = new Dossier
        {
            Id = Guid.NewGuid().ToString(),
            Category = "noise",
            PartnerId = "local-police",
            ObservationIds = [Guid.NewGuid()],
            CreatedAt = forwardedAt,
            Status = DossierStatus.Forwarded,
            ForwardedAt = forwardedAt,
            AcknowledgeBy = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), // a Friday
            ResolveBy = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero),
            AcknowledgementFollowUps = 1,
        };
        var closed = open with { Id = Guid.NewGuid().ToString(), Status = DossierStatus.Resolved };
        await store.CreateAsync(open, CancellationToken.None);
        await store.CreateAsync(closed, CancellationToken.None);

        Assert.Equal("2 follow-up steps armed again.", await RunTimerAsync("FollowUpReconcile"));
        Assert.Equal("2 follow-up steps armed again.", await RunTimerAsync("FollowUpReconcile"));

        var armed = (await _app.Table(Tables.FollowUpDue).QueryAsync<TableEntity>().ToListAsync())
            .Select(e => (e.GetString("TargetId"), e.GetString("Kind"), e.GetInt32("Step"), e.GetDateTimeOffset("DueAt")))
            .OrderBy(a => a.Item2, StringComparer.Ordinal);
        Assert.Equal(
            [
                (open.Id, "acknowledgement", (int?)2, (DateTimeOffset?)new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)), // the next working day
                (open.Id, "resolution", 1, open.ResolveBy),
            ],
            armed);
    }

    /// <summary>POST /FollowUpSweep with a timer payload, as the Functions host sends it; returns the log line.</summary>
    private Task<string> SweepAsync() => RunTimerAsync("FollowUpSweep");

    private async Task<string> RunTimerAsync(string function)
    {
        var payload = """
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":true}},
             "Metadata":{"sys":{"MethodName":"FollowUpSweep","UtcNow":"2026-11-22T10:30:00.01Z","RandGuid":"0f8e"}}}
            """;
        var response = await _app.CreateClient().PostAsync($"/{function}", new StringContent(payload, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        return result.GetProperty("Logs")[0].GetString()!;
    }
}
