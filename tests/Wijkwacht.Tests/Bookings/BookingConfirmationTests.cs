using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Wijkwacht.Storage;
using IcsCalendar = Ical.Net.Calendar;
using static Wijkwacht.Tests.Bookings.BookingFlows;

namespace Wijkwacht.Tests.Bookings;

/// <summary>
/// A booking proves its e-mail address before anything the booker wrote is mailed or reaches the officer: it is a
/// hold until confirmed with the code from the mail, and lapses otherwise. On Azurite, on a fake clock; the sweep
/// runs only when a test asks, so what the citizen sees before it is tested too.
/// </summary>
public sealed class BookingConfirmationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Phishing = "Your GAS fine of 350 EUR is unpaid, pay at https://pay.evil.example/now or mail boete@evil.example";

    private readonly FakeTimeProvider _time = new(MondayMorning);
    private WijkwachtApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time, settings: new Dictionary<string, string?> { ["FollowUpSweepSchedule"] = "0 0 0 1 1 *" });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ABookingIsAHoldUntilTheCodeFromTheMailConfirmsItAndTheRequestMailHoldsNothingTheBookerWrote()
    {
        var request = Request(At(10), "home");
        request["subject"] = Phishing;
        request["name"] = "City of Brussels Fines Office";
        request["address"] = "Pay now at www.evil.example";

        var held = await _app.HoldAsync(At(10), request: request);

        Assert.Equal(At(8, 15), held.GetProperty("holdUntil").GetDateTimeOffset()); // fifteen minutes from now
        Assert.Equal(["confirm", "cancel"], held.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.DoesNotContain(At(10), await _app.SlotStartsAsync("home")); // the time is claimed while held
        Assert.Empty(await _app.Table(Tables.CalendarEvents).QueryAsync<TableEntity>().ToListAsync());
        var (id, token) = Link(held);
        var (code, link, body) = await _app.ConfirmationMailAsync(id);
        var mail = (await _app.MailAsync($"booking-{id}-0-confirm"))!.Value;
        var outbox = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox");
        var subject = outbox.GetProperty("items").EnumerateArray().Single().GetProperty("subject").GetString();
        foreach (var bookerText in new[] { "GAS", "evil", "Fines Office", "Pay now" })
        {
            Assert.DoesNotContain(bookerText, subject + "\n" + body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Empty(mail.Attachments); // no invitation before the address is proven
        Assert.Contains(code, body, StringComparison.Ordinal);
        Assert.Contains("Inspecteur Marc Willems", body, StringComparison.Ordinal);
        Assert.Contains($"/booking/manage/?booking={id}&token=", link.ToString(), StringComparison.Ordinal);

        var wrong = await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/confirm?token={Uri.EscapeDataString(token)}", new { code = code == "000000" ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.ProblemAsync()).GetProperty("errors").TryGetProperty("code", out _));

        var confirmed = await _app.ConfirmAsync(held);

        Assert.Equal(["reschedule", "cancel"], confirmed.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        var onCalendar = Assert.Single(await _app.Table(Tables.CalendarEvents).QueryAsync<TableEntity>().ToListAsync());
        Assert.Equal(At(10), onCalendar.GetDateTimeOffset("Start"));
        var confirmation = (await _app.MailAsync($"booking-{id}-0-confirmed"))!.Value;
        // What the booker wrote is there, but quoted as theirs and with no address a mail client would link.
        Assert.Contains("> Onderwerp: Your GAS fine of 350 EUR is unpaid, pay at https[:]//pay[.]evil[.]example/now or mail boete[at]evil[.]example", confirmation.Body, StringComparison.Ordinal);
        Assert.Contains("Wat u zelf invulde", confirmation.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("https://pay.evil", confirmation.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("City of Brussels Fines Office,", confirmation.Body, StringComparison.Ordinal); // not greeted by a name they chose
        var invitation = IcsCalendar.Load(confirmation.Attachments.Single().Value)!.Events.Single();
        Assert.DoesNotContain("https://", invitation.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("www.evil", invitation.Location, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", onCalendar.GetString("Body") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLinkInTheMailConfirmsOnAnyDeviceAndConfirmingTwiceChangesNothing()
    {
        var held = await _app.HoldAsync(At(11));
        var (id, _) = Link(held);
        var (code, link, _) = await _app.ConfirmationMailAsync(id);
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;

        var first = await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/confirm?token={Uri.EscapeDataString(token)}", new { code });
        var second = await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/confirm?token={Uri.EscapeDataString(token)}", new { code });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("booked", (await second.JsonAsync()).GetProperty("status").GetString());
        Assert.Single(await _app.Table(Tables.CalendarEvents).QueryAsync<TableEntity>().ToListAsync());
    }

    [Fact]
    public async Task AnUnconfirmedHoldFreesItsTimeWhenItLapsesEvenBeforeTheSweepAndCanNoLongerBeConfirmed()
    {
        var held = await _app.HoldAsync(At(11));
        var (id, token) = Link(held);
        var (code, _, _) = await _app.ConfirmationMailAsync(id);

        _time.Advance(TimeSpan.FromMinutes(16));

        Assert.Contains(At(11), await _app.SlotStartsAsync()); // no sweep has run
        var other = Request(At(11), email: "an.other@example.com");
        var taken = await _app.CreateClient().PostAsJsonAsync("/api/bookings", other);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var late = await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/confirm?token={Uri.EscapeDataString(token)}", new { code });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("hold-expired", (await late.ProblemAsync()).GetProperty("code").GetString());
        var expired = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/bookings/{id}?token={Uri.EscapeDataString(token)}");
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, expired.GetProperty("name").ValueKind); // an unproven booker's details are not kept
        Assert.Empty(expired.GetProperty("allowedActions").EnumerateArray());
    }

    [Fact]
    public async Task TheSweepExpiresALapsedHoldAndNothingIsMailedAboutIt()
    {
        var held = await _app.HoldAsync(At(13));
        var (id, token) = Link(held);

        _time.Advance(TimeSpan.FromMinutes(16));
        var swept = await _app.CreateClient().PostAsync("/FollowUpSweep", new StringContent(
            """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, swept.StatusCode);
        await Eventually.TrueAsync(async () =>
            (await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/bookings/{id}?token={Uri.EscapeDataString(token)}")).GetProperty("status").GetString() == "expired",
            "the hold to expire");
        var rows = await _app.Table(Tables.Bookings).QueryAsync<TableEntity>(e => e.PartitionKey == "officer-marc").ToListAsync();
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("cell-", StringComparison.Ordinal));
        Assert.All(rows.Where(r => r.RowKey.StartsWith("day-", StringComparison.Ordinal)), r => Assert.Equal(0, r.GetInt32("Count")));
        var outbox = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox");
        Assert.Equal([$"booking-{id}-0-confirm"], outbox.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task FiveWrongCodesReleaseTheHold()
    {
        var held = await _app.HoldAsync(At(14));
        var (id, token) = Link(held);
        var (code, _, _) = await _app.ConfirmationMailAsync(id);
        var wrongCode = code == "123456" ? "654321" : "123456";
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/confirm?token={Uri.EscapeDataString(token)}", new { code = wrongCode }));
        }

        var right = await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/confirm?token={Uri.EscapeDataString(token)}", new { code });

        Assert.All(answers.Take(4), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, answers[4].StatusCode);
        Assert.Equal("too-many-codes", (await answers[4].ProblemAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, right.StatusCode);
        Assert.Contains(At(14), await _app.SlotStartsAsync());
    }

    [Fact]
    public async Task ABookingWithoutAnEMailAddressIsRefusedAsThereIsNoOtherWayToConfirmIt()
    {
        var phoneOnly = Request(At(10), "phone", email: null);

        var response = await _app.CreateClient().PostAsJsonAsync("/api/bookings", phoneOnly);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task TheOfficersAgendaShowsOnlyConfirmedAppointments()
    {
        await _app.HoldAsync(At(10));
        var confirmed = await _app.BookAsync(At(13));

        var agenda = await _app.ClientAs("officer-marc", "officer").GetFromJsonAsync<JsonElement>("/api/officers/me/agenda?from=2026-12-07&to=2026-12-07");

        Assert.Equal([confirmed.GetProperty("id").GetString()], agenda.GetProperty("appointments").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
    }
}

/// <summary>One person cannot fill an officer's agenda, nor flood an address with the city's mails.</summary>
public sealed class BookingCapTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(MondayMorning);
    private WijkwachtApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time, settings: new Dictionary<string, string?>
        {
            ["FollowUpSweepSchedule"] = "0 0 0 1 1 *",
            ["Bookings:MaxActiveBookingsPerContact"] = "2",
            ["Bookings:MaxConfirmationMailsPerDay"] = "3",
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AThirdAppointmentForOneAddressOrOnePhoneNumberIsRefusedWith409()
    {
        await _app.BookAsync(At(10));
        await _app.HoldAsync(At(11));

        var sameAddress = await _app.CreateClient().PostAsJsonAsync("/api/bookings", Request(At(13)));
        var samePhoneWrittenDifferently = Request(At(14), email: "other.person@example.com");
        samePhoneWrittenDifferently["phone"] = "+32470/123456";
        var samePhone = await _app.CreateClient().PostAsJsonAsync("/api/bookings", samePhoneWrittenDifferently);

        Assert.Equal(HttpStatusCode.Conflict, sameAddress.StatusCode);
        Assert.Equal("active-bookings-limit", (await sameAddress.ProblemAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, samePhone.StatusCode);
        Assert.Equal("active-bookings-limit", (await samePhone.ProblemAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnAddressGetsAtMostThreeConfirmationMailsADayThenA429()
    {
        foreach (var hour in new[] { 10, 11, 13 })
        {
            var (id, token) = Link(await _app.HoldAsync(At(hour)));
            var cancelled = await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/cancel?token={Uri.EscapeDataString(token)}", new { });
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        var fourth = await _app.CreateClient().PostAsJsonAsync("/api/bookings", Request(At(14)));

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("confirmation-mails-limit", (await fourth.ProblemAsync()).GetProperty("code").GetString());
        var outbox = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox");
        Assert.Equal(3, outbox.GetProperty("items").GetArrayLength()); // and a cancelled hold mails nothing
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Created, (await _app.CreateClient().PostAsJsonAsync("/api/bookings", Request(At(10, 0, dayOffset: 1)))).StatusCode);
    }

    [Fact]
    public async Task AnAppointmentMovesAtMostThreeTimesThenOnlyCancellingIsLeft()
    {
        var (id, token) = Link(await _app.BookAsync(At(10)));
        var client = _app.CreateClient();
        var moves = new List<HttpResponseMessage>();
        foreach (var hour in new[] { 11, 13, 14, 15 })
        {
            moves.Add(await client.PostAsJsonAsync($"/api/bookings/{id}/reschedule?token={Uri.EscapeDataString(token)}", new { start = At(hour) }));
        }

        Assert.All(moves.Take(3), m => Assert.Equal(HttpStatusCode.OK, m.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, moves[3].StatusCode);
        Assert.Equal("reschedule-limit", (await moves[3].ProblemAsync()).GetProperty("code").GetString());
        var booking = await client.GetFromJsonAsync<JsonElement>($"/api/bookings/{id}?token={Uri.EscapeDataString(token)}");
        Assert.Equal(At(14), booking.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(["cancel"], booking.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
    }
}
