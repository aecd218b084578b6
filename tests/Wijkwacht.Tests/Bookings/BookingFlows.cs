using System.Text;
using System.Text.RegularExpressions;

namespace Wijkwacht.Tests.Bookings;

/// <summary>What a citizen does on the booking pages, through the API.</summary>
public static partial class BookingFlows
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

    /// <summary>A mail from the outbox, with its text body and its attachments decoded.</summary>
    public static async Task<(string Eml, string Body, Dictionary<string, string> Attachments)?> MailAsync(this WijkwachtApp app, string id)
    {
        using var answer = await app.CreateClient().GetAsync($"/api/dev/outbox/{id}");
        if (answer.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var eml = await answer.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var parts = Part().Matches(eml).Select(m => (Type: m.Groups["type"].Value, Content: Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups["body"].Value.Replace("\r\n", "", StringComparison.Ordinal))))).ToList();
        return (eml, parts.First(p => p.Type.StartsWith("text/plain", StringComparison.Ordinal)).Content,
            parts.Where(p => !p.Type.StartsWith("text/plain", StringComparison.Ordinal)).ToDictionary(p => p.Type, p => p.Content));
    }

    [GeneratedRegex(@"Content-Type: (?<type>[^\r\n]+)\r\n(?:[A-Za-z-]+: [^\r\n]+\r\n)*\r\n(?<body>[A-Za-z0-9+/=\r\n]+?)\r\n(?=--|\r\n|$)")]
    private static partial Regex Part();
}
