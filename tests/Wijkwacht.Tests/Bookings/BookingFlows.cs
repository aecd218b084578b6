using System.Text.RegularExpressions;

namespace Wijkwacht.Tests.Bookings;

/// <summary>What a citizen does on the booking pages, through the API.</summary>
public static class BookingFlows
{
    /// <summary>Monday 7 December 2026, 08:00 in Brussels: officer-marc works 08:00–16:30, his office opens 09:00–12:00 and 13:00–16:30.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 12, 7, 8, 0, 0, TimeSpan.FromHours(1));

    public static DateTimeOffset At(int hour, int minute = 0, int dayOffset = 0) =>
        new DateTimeOffset(2026, 12, 7, hour, minute, 0, TimeSpan.FromHours(1)).AddDays(dayOffset);

    public static Dictionary<string, object?> Request(DateTimeOffset start, string type = "office", string officerId = "officer-marc", string? email = "jan.peeters@example.com") => new()
    {
        ["officerId"] = officerId,
        ["type"] = type,
        ["start"] = start,
        ["name"] = "Jan Peeters",
        ["email"] = email,
        ["phone"] = "+32 470 12 34 56",
        ["language"] = "nl",
        ["subject"] = "Burenlawaai 's nachts",
        ["address"] = type == "home" ? "Nieuwstraat 12, 1000 Brussel" : null,
    };

    /// <summary>Books and confirms with the code from the mail, as a citizen does: the booking as it stands confirmed.</summary>
    public static async Task<JsonElement> BookAsync(this WijkwachtApp app, DateTimeOffset start, string type = "office") =>
        await app.ConfirmAsync(await app.HoldAsync(start, type));

    /// <summary>Books without confirming: the hold the answer describes.</summary>
    public static async Task<JsonElement> HoldAsync(this WijkwachtApp app, DateTimeOffset start, string type = "office", Dictionary<string, object?>? request = null)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/bookings", request ?? Request(start, type));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var held = await response.JsonAsync();
        Assert.Equal("held", held.GetProperty("status").GetString());
        return held;
    }

    /// <summary>The code in the confirmation mail of a held booking, and the link that carries it.</summary>
    public static async Task<(string Code, Uri Link, string Body)> ConfirmationMailAsync(this WijkwachtApp app, string bookingId)
    {
        var body = await Eventually.GetAsync(async () => (await app.MailAsync($"booking-{bookingId}-0-confirm"))?.Body, $"the confirmation mail of booking {bookingId}");
        var link = new Uri(Regex.Match(body, @"http://\S+/booking/manage/\?\S+code=\d{6}").Value);
        return (System.Web.HttpUtility.ParseQueryString(link.Query)["code"]!, link, body);
    }

    /// <summary>The code in the confirmation mail of the one booking held in this app (as a page test finds it).</summary>
    public static async Task<string> CodeOfTheOnlyHoldAsync(this WijkwachtApp app)
    {
        var mailId = await Eventually.GetAsync(async () =>
        {
            var outbox = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox");
            return outbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).FirstOrDefault(i => i.EndsWith("-0-confirm", StringComparison.Ordinal));
        }, "a confirmation mail");
        return (await app.ConfirmationMailAsync(mailId["booking-".Length..^"-0-confirm".Length])).Code;
    }

    /// <summary>Confirms a held booking with the code from its mail, through the booking's link.</summary>
    public static async Task<JsonElement> ConfirmAsync(this WijkwachtApp app, JsonElement held)
    {
        var (id, token) = Link(held);
        var (code, _, _) = await app.ConfirmationMailAsync(id);
        var response = await app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/confirm?token={Uri.EscapeDataString(token)}", new { code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var confirmed = await response.JsonAsync();
        Assert.Equal("booked", confirmed.GetProperty("status").GetString());
        return confirmed;
    }

    public static async Task<List<DateTimeOffset>> SlotStartsAsync(this WijkwachtApp app, string type = "office", string day = "2026-12-07", string officerId = "officer-marc")
    {
        var slots = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/officers/{officerId}/slots?type={type}&from={day}&to={day}");
        return [.. slots.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset())];
    }

    /// <summary>The path and query of the booking's manage link, for calls to the API with its token.</summary>
    public static (string Id, string Token) Link(JsonElement booking)
    {
        var url = new Uri(booking.GetProperty("manageUrl").GetString()!);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        return (query["booking"]!, query["token"]!);
    }
}
