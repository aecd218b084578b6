using Azure.Data.Tables;
using IcsCalendar = Ical.Net.Calendar;
using Microsoft.Extensions.Time.Testing;
using Wijkwacht.Storage;
using static Wijkwacht.Tests.Bookings.BookingFlows;

namespace Wijkwacht.Tests.Bookings;

/// <summary>Citizens book, move and cancel appointments with their neighbourhood officer, on Azurite, on a fake clock.</summary>
public sealed class BookingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(MondayMorning);
    private WijkwachtApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("/api/officers?address=Rue%20Neuve%2012%2C%201000%20Bruxelles", "martelaren")]
    [InlineData("/api/officers?address=nieuwstraat", "martelaren")]
    [InlineData("/api/officers?address=1000%20Bruxelles%2C%20rue%20neuve%2080", "martelaren")]
    [InlineData("/api/officers?address=Grand-Place%201&lang=fr", "centrum")]
    [InlineData("/api/officers?lat=50.8466&lon=4.3528", "centrum")]
    public async Task TheNeighbourhoodOfficerIsFoundByStreetInEitherLanguageOrByPoint(string url, string neighbourhood)
    {
        var found = await _app.CreateClient().GetFromJsonAsync<JsonElement>(url);

        Assert.Equal(neighbourhood, found.GetProperty("neighbourhood").GetProperty("id").GetString());
        var officer = found.GetProperty("officers").EnumerateArray().First(o => o.GetProperty("id").GetString() == "officer-marc");
        Assert.Equal("Inspecteur Marc Willems", officer.GetProperty("name").GetString());
        Assert.Contains("Lombardstraat", officer.GetProperty("office").GetProperty("address").GetString());
        Assert.Equal(["office", "home", "phone"], officer.GetProperty("appointmentTypes").EnumerateArray().Select(t => t.GetProperty("type").GetString()));
    }

    [Theory]
    [InlineData("/api/officers?address=Champs-%C3%89lys%C3%A9es%201", "address")]
    [InlineData("/api/officers?lat=51.2194&lon=4.4025", "lat")]
    [InlineData("/api/officers?lat=91&lon=4.35", "lat")]
    [InlineData("/api/officers", "address")]
    public async Task AnUnknownStreetOrAPlaceOutsideTheMunicipalityIsAFieldError(string url, string field)
    {
        var response = await _app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task FreeTimesFollowWorkingAndOpeningHoursTheNoticeAndTheOfficersOwnCalendar()
    {
        _app.StartServer();
        // A meeting the officer put in Outlook himself, 14:00–15:00.
        await _app.Table(Tables.CalendarEvents).AddEntityAsync(new TableEntity("marc.willems@police.brussels.example", "team-meeting")
        {
            ["Start"] = At(14).UtcDateTime, ["End"] = At(15).UtcDateTime, ["ShowAs"] = "busy", ["Subject"] = "Teamvergadering",
        });

        var starts = await _app.SlotStartsAsync();

        Assert.Equal(At(10), starts[0]); // 08:00 now + two hours' notice; the office opens at 09:00
        Assert.Contains(At(11, 30), starts); // 11:30–11:50, before the office closes at 12:00
        Assert.DoesNotContain(At(11, 45), starts);
        Assert.DoesNotContain(At(12, 30), starts);
        Assert.Contains(At(13, 30), starts); // 13:30–13:50 and its 10 minutes' buffer end as the meeting starts
        Assert.DoesNotContain(At(13, 45), starts);
        Assert.DoesNotContain(At(14, 30), starts);
        Assert.Contains(At(15), starts);
        Assert.Equal(At(16), starts[^1]); // 16:00–16:20, the office closes 16:30
        Assert.All(starts, s => Assert.Equal(TimeSpan.FromHours(1), s.Offset));
    }

    [Fact]
    public async Task ABookingHoldsItsTimeAndBufferIsConfirmedWithAnInvitationAndLandsOnTheOfficersCalendar()
    {
        var booking = await _app.BookAsync(At(10));

        Assert.Equal("booked", booking.GetProperty("status").GetString());
        Assert.Equal(At(10, 20), booking.GetProperty("end").GetDateTimeOffset());
        Assert.Equal("2026-12-07T10:00:00+01:00", booking.GetProperty("start").GetString());
        Assert.Equal(["reschedule", "cancel"], booking.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        var starts = await _app.SlotStartsAsync();
        Assert.DoesNotContain(At(10), starts);
        Assert.DoesNotContain(At(10, 15), starts); // would start inside the ten minutes' buffer after 10:20
        Assert.Contains(At(10, 30), starts);

        var id = booking.GetProperty("id").GetString();
        var mail = (await _app.MailAsync($"booking-{id}-0-confirmed"))!.Value;
        Assert.Contains("To: jan.peeters@example.com", mail.Eml);
        Assert.Contains("maandag 7 december 2026, 10:00–10:20", mail.Body);
        Assert.Contains("/booking/manage/?booking=" + id, mail.Body);
        var invitation = IcsCalendar.Load(Assert.Single(mail.Attachments, a => a.Key == "text/calendar; charset=utf-8; method=REQUEST").Value)!;
        Assert.Equal("REQUEST", invitation.Method);
        var appointment = Assert.Single(invitation.Events);
        Assert.Equal($"{id}@wijkwacht", appointment.Uid);
        Assert.Equal(0, appointment.Sequence);
        Assert.Equal("Europe/Brussels", appointment.Start!.TzId);
        Assert.Equal(new DateTime(2026, 12, 7, 10, 0, 0), appointment.Start.Value);
        Assert.Equal(At(10).UtcDateTime, appointment.Start.AsUtc);
        Assert.Equal("mailto:jan.peeters@example.com", Assert.Single(appointment.Attendees).Value!.ToString());

        var onCalendar = Assert.Single(await _app.Table(Tables.CalendarEvents).QueryAsync<TableEntity>().ToListAsync());
        Assert.Equal("marc.willems@police.brussels.example", onCalendar.PartitionKey);
        Assert.Equal(At(10), onCalendar.GetDateTimeOffset("Start"));
        Assert.Contains("Jan Peeters", onCalendar.GetString("Subject"));
    }

    [Fact]
    public async Task FiftyCitizensRacingForOneSlotMakeExactlyOneBookingAndTheOthersGetAlternatives()
    {
        var requests = Enumerable.Range(0, 50).Select(_ => _app.CreateClient().PostAsJsonAsync("/api/bookings", Request(At(11))));
        var responses = await Task.WhenAll(requests);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(49, refused.Count);
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await response.ProblemAsync();
            Assert.Equal("This time is no longer free.", problem.GetProperty("title").GetString());
            var alternatives = problem.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("start").GetDateTimeOffset()).ToList();
            Assert.NotEmpty(alternatives);
            Assert.DoesNotContain(At(11), alternatives);
        }

        var rows = await _app.Table(Tables.Bookings).QueryAsync<TableEntity>(e => e.PartitionKey == "officer-marc").ToListAsync();
        Assert.Single(rows, r => r.RowKey.StartsWith("booking-", StringComparison.Ordinal));
        Assert.Equal(1, rows.Single(r => r.RowKey == "day-20261207").GetInt32("Count"));
    }

    [Fact]
    public async Task TwoAppInstancesOnTheSameStorageStillMakeExactlyOneBookingOfASlot()
    {
        await using var second = new WijkwachtApp(azurite, _time, settings: new Dictionary<string, string?> { ["Storage:Prefix"] = _app.Prefix });
        var requests = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? _app : second).CreateClient().PostAsJsonAsync("/api/bookings", Request(At(15))));

        var responses = await Task.WhenAll(requests);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var rows = await _app.Table(Tables.Bookings).QueryAsync<TableEntity>(e => e.PartitionKey == "officer-marc").ToListAsync();
        Assert.Single(rows, r => r.RowKey.StartsWith("booking-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepeatingARequestWithItsIdempotencyKeyAnswersTheSameBookingAndWritesNothingNewBeforeAndAfterConfirmation()
    {
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(Request(At(10, 30))) };
            request.Headers.Add("Idempotency-Key", key);
            return await _app.CreateClient().SendAsync(request);
        }

        var first = await Send();
        var again = await Send();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeated = await again.JsonAsync();
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetString(), repeated.GetProperty("id").GetString());
        var rows = await _app.Table(Tables.Bookings).QueryAsync<TableEntity>(e => e.PartitionKey == "officer-marc").ToListAsync();
        Assert.Single(rows, r => r.RowKey.StartsWith("booking-", StringComparison.Ordinal));
        Assert.Empty(await _app.Table(Tables.CalendarEvents).QueryAsync<TableEntity>().ToListAsync()); // a hold is not on the calendar
        var outbox = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox");
        Assert.Single(outbox.GetProperty("items").EnumerateArray(), m => m.GetProperty("id").GetString()!.EndsWith("-confirm", StringComparison.Ordinal));

        await _app.ConfirmAsync(repeated);
        var afterConfirmation = await Send();

        Assert.Equal(HttpStatusCode.OK, afterConfirmation.StatusCode);
        Assert.Equal("booked", (await afterConfirmation.JsonAsync()).GetProperty("status").GetString());
        Assert.Single(await _app.Table(Tables.CalendarEvents).QueryAsync<TableEntity>().ToListAsync());
    }

    [Fact]
    public async Task AnIdempotencyKeyUsedForAnotherRequestOpensNothing()
    {
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send(Dictionary<string, object?> body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await _app.CreateClient().SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.Created, (await Send(Request(At(10, 30)))).StatusCode);
        var other = Request(At(10, 30), email: "someone.else@example.com");
        other["name"] = "Someone Else";

        var reused = await Send(other);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        var body = await reused.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Jan Peeters", body, StringComparison.Ordinal);
        Assert.DoesNotContain("manageUrl", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACalendarEventWhoseIdWasLostIsFoundAgainAndFollowsTheMove()
    {
        var booking = await _app.BookAsync(At(10));
        var (id, token) = Link(booking);
        // As if the first sync made the event but crashed before recording its id.
        var row = (await _app.Table(Tables.Bookings).GetEntityAsync<TableEntity>("officer-marc", $"booking-{id}")).Value;
        row["EventId"] = null;
        row["EventSequence"] = -1;
        await _app.Table(Tables.Bookings).UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var moved = await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/reschedule?token={Uri.EscapeDataString(token)}", new { start = At(13) });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var onCalendar = Assert.Single(await _app.Table(Tables.CalendarEvents).QueryAsync<TableEntity>().ToListAsync());
        Assert.Equal(At(13), onCalendar.GetDateTimeOffset("Start"));
    }

    [Fact]
    public async Task ABookingFreesTheTimeItHeldEvenAfterTheRulesChanged()
    {
        var (id, token) = Link(await _app.BookAsync(At(10)));
        await using var longerBuffers = new WijkwachtApp(azurite, _time, settings: new Dictionary<string, string?>
        {
            ["Storage:Prefix"] = _app.Prefix,
            ["SignedLinks:Keys:0:Secret"] = _app.Setting("SignedLinks:Keys:0:Secret"),
            ["Bookings:Office:BufferMinutes"] = "30",
        });

        var cancelled = await longerBuffers.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/cancel?token={Uri.EscapeDataString(token)}", new { });

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var rows = await _app.Table(Tables.Bookings).QueryAsync<TableEntity>(e => e.PartitionKey == "officer-marc").ToListAsync();
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("cell-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheLinkMovesTheAppointmentFreeingItsOldTimeThenCancelsItAndCalendarAndMailsFollow()
    {
        var booking = await _app.BookAsync(At(10));
        var (id, token) = Link(booking);
        var client = _app.CreateClient();

        var moved = await client.PostAsJsonAsync($"/api/bookings/{id}/reschedule?token={Uri.EscapeDataString(token)}", new { start = At(13) });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var movedBooking = await moved.JsonAsync();
        Assert.Equal(At(13), movedBooking.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(1, movedBooking.GetProperty("sequence").GetInt32());
        var starts = await _app.SlotStartsAsync();
        Assert.Contains(At(10), starts);
        Assert.DoesNotContain(At(13), starts);
        var onCalendar = Assert.Single(await _app.Table(Tables.CalendarEvents).QueryAsync<TableEntity>().ToListAsync());
        Assert.Equal(At(13), onCalendar.GetDateTimeOffset("Start"));
        var changed = (await _app.MailAsync($"booking-{id}-1-changed"))!.Value;
        Assert.Equal(1, IcsCalendar.Load(changed.Attachments.Single().Value)!.Events.Single().Sequence);

        var cancelled = await client.PostAsJsonAsync($"/api/bookings/{id}/cancel?token={Uri.EscapeDataString(token)}", new { reason = "Opgelost met de buren" });

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await cancelled.JsonAsync()).GetProperty("status").GetString());
        Assert.Contains(At(13), await _app.SlotStartsAsync());
        Assert.Empty(await _app.Table(Tables.CalendarEvents).QueryAsync<TableEntity>().ToListAsync());
        var cancellation = (await _app.MailAsync($"booking-{id}-2-cancelled"))!.Value;
        var withdrawn = IcsCalendar.Load(cancellation.Attachments.Single(a => a.Key.Contains("method=CANCEL", StringComparison.Ordinal)).Value)!;
        Assert.Equal("CANCEL", withdrawn.Method);
        Assert.Equal(2, withdrawn.Events.Single().Sequence);
        Assert.Equal($"{id}@wijkwacht", withdrawn.Events.Single().Uid);

        var again = await client.PostAsJsonAsync($"/api/bookings/{id}/cancel?token={Uri.EscapeDataString(token)}", new { });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var moveCancelled = await client.PostAsJsonAsync($"/api/bookings/{id}/reschedule?token={Uri.EscapeDataString(token)}", new { start = At(15) });
        Assert.Equal(HttpStatusCode.Conflict, moveCancelled.StatusCode);
        Assert.Equal("Appointment closed.", (await moveCancelled.ProblemAsync()).GetProperty("title").GetString());
        var rows = await _app.Table(Tables.Bookings).QueryAsync<TableEntity>(e => e.PartitionKey == "officer-marc").ToListAsync();
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("cell-", StringComparison.Ordinal));
        Assert.Equal(0, rows.Single(r => r.RowKey == "day-20261207").GetInt32("Count"));
    }

    [Fact]
    public async Task MovingToAnotherDayMovesItsCountAndMovingOntoATakenTimeOffersAlternatives()
    {
        var first = await _app.BookAsync(At(10));
        var second = await _app.BookAsync(At(11));
        var (id, token) = Link(second);

        var onTaken = await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/reschedule?token={Uri.EscapeDataString(token)}", new { start = At(10) });
        Assert.Equal(HttpStatusCode.Conflict, onTaken.StatusCode);
        Assert.NotEmpty((await onTaken.ProblemAsync()).GetProperty("alternatives").EnumerateArray());

        var overlapping = await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/reschedule?token={Uri.EscapeDataString(token)}", new { start = At(11, 15) });
        Assert.Equal(HttpStatusCode.OK, overlapping.StatusCode); // its own time does not stand in its way

        var nextDay = await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/reschedule?token={Uri.EscapeDataString(token)}", new { start = At(9, 0, dayOffset: 1) });
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
        var rows = await _app.Table(Tables.Bookings).QueryAsync<TableEntity>(e => e.PartitionKey == "officer-marc" && e.RowKey.CompareTo("day-") >= 0 && e.RowKey.CompareTo("day.") < 0).ToListAsync();
        Assert.Equal(1, rows.Single(r => r.RowKey == "day-20261207").GetInt32("Count"));
        Assert.Equal(1, rows.Single(r => r.RowKey == "day-20261208").GetInt32("Count"));
        Assert.Equal("booked", (await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/bookings/{Link(first).Id}?token={Uri.EscapeDataString(Link(first).Token)}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ForgedExpiredAndOtherBookingsLinksAllGetTheSameNeutralAnswer()
    {
        var (id, token) = Link(await _app.BookAsync(At(10)));
        var (otherId, _) = Link(await _app.BookAsync(At(11)));
        var client = _app.CreateClient();

        var attempts = new[]
        {
            $"/api/bookings/{otherId}?token={Uri.EscapeDataString(token)}",
            $"/api/bookings/{id}?token={Uri.EscapeDataString(token[..^2] + "xx")}",
            $"/api/bookings/{id}?token=",
            $"/api/bookings/{id}",
            $"/api/bookings/{id}/calendar.ics?token=not.valid",
        };
        foreach (var url in attempts)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("This link cannot be used.", (await response.ProblemAsync()).GetProperty("title").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/bookings/{id}?token={Uri.EscapeDataString(token)}")).StatusCode);
        _time.Advance(TimeSpan.FromDays(31) + TimeSpan.FromHours(3)); // the link lives until 30 days after the appointment
        var expired = await client.GetAsync($"/api/bookings/{id}?token={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task TheCalendarFileIsICalendarInBrusselsTime()
    {
        var (id, token) = Link(await _app.BookAsync(At(15, 30), "phone"));

        var response = await _app.CreateClient().GetAsync($"/api/bookings/{id}/calendar.ics?token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.All(text.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        var calendar = IcsCalendar.Load(text)!;
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Single(calendar.TimeZones, z => z.TzId == "Europe/Brussels");
        var appointment = Assert.Single(calendar.Events);
        Assert.Equal(At(15, 30).UtcDateTime, appointment.Start!.AsUtc);
        Assert.Equal(At(15, 45).UtcDateTime, appointment.End!.AsUtc);
        Assert.Contains("+32 470 12 34 56", appointment.Location);
    }

    [Theory]
    [InlineData("email", null, "phone", null, "email")]
    [InlineData("type", "home", "address", null, "address")]
    [InlineData("start", "2026-12-07T10:05:00+01:00", null, null, "start")]
    [InlineData("start", "2026-12-07T12:30:00+01:00", null, null, "start")]
    [InlineData("start", "2026-12-07T09:00:00+01:00", null, null, "start")]
    [InlineData("officerId", "officer-nobody", null, null, "officerId")]
    [InlineData("language", "de", null, null, "language")]
    [InlineData("name", "", null, null, "name")]
    [InlineData("name", "Eve\r\nURL:https://evil.example", null, null, "name")]
    [InlineData("address", "Nieuwstraat 1\nX-Injected: yes", "type", "home", "address")]
    public async Task ABookingThatBreaksARuleIsAFieldError(string field, string? value, string? otherField, string? otherValue, string errorField)
    {
        var request = Request(At(10));
        request[field] = value;
        if (otherField is not null)
        {
            request[otherField] = otherValue;
        }

        var response = await _app.CreateClient().PostAsJsonAsync("/api/bookings", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(errorField, out _), $"errors.{errorField}");
        Assert.Empty(await _app.Table(Tables.Bookings).QueryAsync<TableEntity>(e => e.RowKey.CompareTo("booking-") >= 0 && e.RowKey.CompareTo("booking.") < 0).ToListAsync());
    }

    [Fact]
    public async Task TheOfficerSeesTheAgendaAndRecordsTheOutcomeOnlyOnceTheAppointmentHasStarted()
    {
        var booking = await _app.BookAsync(At(10));
        var id = booking.GetProperty("id").GetString();
        var officer = _app.ClientAs("officer-marc", "officer");

        var agenda = await officer.GetFromJsonAsync<JsonElement>("/api/officers/me/agenda");
        var appointment = Assert.Single(agenda.GetProperty("appointments").EnumerateArray());
        Assert.Equal("Jan Peeters", appointment.GetProperty("name").GetString());
        Assert.Equal("+32 470 12 34 56", appointment.GetProperty("phone").GetString());
        Assert.Equal("officer-marc", agenda.GetProperty("officer").GetProperty("id").GetString());

        var early = await officer.PostAsJsonAsync($"/api/bookings/{id}/outcome", new { outcome = "done" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var otherOfficer = await _app.ClientAs("officer-sofie", "officer").PostAsJsonAsync($"/api/bookings/{id}/outcome", new { outcome = "done" });
        Assert.Equal(HttpStatusCode.NotFound, otherOfficer.StatusCode);
        var notInDirectory = await _app.ClientAs("officer-unknown", "officer").GetAsync("/api/officers/me/agenda");
        Assert.Equal(HttpStatusCode.NotFound, notInDirectory.StatusCode);

        _time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));
        var done = await officer.PostAsJsonAsync($"/api/bookings/{id}/outcome", new { outcome = "no-show" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("no-show", (await done.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheCitizenIsRemindedTheDayBeforeAndNotForAMovedTime()
    {
        var kept = await _app.BookAsync(At(10, 0, dayOffset: 2));
        var moved = await _app.BookAsync(At(11, 0, dayOffset: 2));
        var (movedId, token) = Link(moved);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{movedId}/reschedule?token={Uri.EscapeDataString(token)}", new { start = At(9, 0, dayOffset: 3) })).StatusCode);

        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1)); // Tuesday 11:01

        var keptId = kept.GetProperty("id").GetString();
        await Eventually.TrueAsync(async () => await _app.MailAsync($"booking-{keptId}-0-reminder") is not null, "the reminder");
        var reminder = (await _app.MailAsync($"booking-{keptId}-0-reminder"))!.Value;
        Assert.Contains("woensdag 9 december 2026, 10:00–10:20", reminder.Body);
        Assert.Null(await _app.MailAsync($"booking-{movedId}-0-reminder"));
        Assert.Null(await _app.MailAsync($"booking-{movedId}-1-reminder")); // its reminder is due a day later
    }
}

/// <summary>Many citizens booking different times of one officer's day at once all get their time.</summary>
public sealed class BusyDayTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite, new FakeTimeProvider(MondayMorning), settings: new Dictionary<string, string?> { ["Bookings:DailyMaximum"] = "40" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ThirtyParallelBookingsOfDifferentTimesOverTwoDaysAllSucceedAndEachDayCountsThem()
    {
        // Every other quarter hour (15 minutes and a 5-minute buffer never overlap): 17 on Tuesday, 13 on Monday.
        var tuesday = (await _app.SlotStartsAsync("phone", "2026-12-08")).Where((_, i) => i % 2 == 0).Take(17).ToList();
        var monday = (await _app.SlotStartsAsync("phone", "2026-12-07")).Where((_, i) => i % 2 == 0).Take(13).ToList();
        Assert.Equal(30, tuesday.Count + monday.Count);

        var responses = await Task.WhenAll(tuesday.Concat(monday).Select(start => _app.CreateClient().PostAsJsonAsync("/api/bookings", Request(start, "phone"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var rows = await _app.Table(Tables.Bookings).QueryAsync<TableEntity>(e => e.PartitionKey == "officer-marc").ToListAsync();
        Assert.Equal(30, rows.Count(r => r.RowKey.StartsWith("booking-", StringComparison.Ordinal)));
        Assert.Equal(17, rows.Single(r => r.RowKey == "day-20261208").GetInt32("Count"));
        Assert.Equal(13, rows.Single(r => r.RowKey == "day-20261207").GetInt32("Count"));
    }
}

/// <summary>An officer's day holds so many appointments and no more, however they come in.</summary>
public sealed class DailyMaximumTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite, new FakeTimeProvider(MondayMorning), settings: new Dictionary<string, string?> { ["Bookings:DailyMaximum"] = "2" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AFullDayOffersNoMoreTimesAndRefusesAThirdBooking()
    {
        await _app.BookAsync(At(10));
        await _app.BookAsync(At(13));

        Assert.Empty(await _app.SlotStartsAsync());
        var third = await _app.CreateClient().PostAsJsonAsync("/api/bookings", Request(At(15)));
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        var alternatives = (await third.ProblemAsync()).GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.NotEmpty(alternatives);
        Assert.All(alternatives, a => Assert.True(a >= At(0, 0, dayOffset: 1)));
    }
}
