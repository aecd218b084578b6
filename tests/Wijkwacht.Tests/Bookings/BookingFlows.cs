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

    public static async Task<JsonElement> BookAsync(this WijkwachtApp app, DateTimeOffset start, string type = "office")
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/bookings", Request(start, type));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
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
