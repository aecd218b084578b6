using Wijkwacht.Tests.Bookings;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.Extensions.Time.Testing;
using Wijkwacht.Storage;

namespace Wijkwacht.Tests.Mail;

/// <summary>
/// Every link in every mail the app sends opens a page that exists, for the person the mail is for: partners'
/// dossier links (forwarding, reminders, a renewed link), the coordinator's escalations, and citizens' booking
/// mails (confirmation, change, reminder, cancellation), in Dutch, French and English. Each link is followed on
/// the app (the page and the API call the page makes with it answer 200) and checked against the role rules of
/// staticwebapp.config.json, which Static Web Apps applies in Azure.
/// </summary>
public sealed partial class MailLinkTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    private static readonly Uri PublicUrl = new("http://localhost:7071");

    // Tuesday 10 November 2026, 10:00 in Brussels: the follow-up's working days are known (see FollowUpCalendarTests).
    private readonly FakeTimeProvider _time = new(At("2026-11-10 10:00"));
    private WijkwachtApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time, settings: new Dictionary<string, string?> { ["FollowUp:ReminderDelay"] = "" });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task EveryLinkInEveryMailOpensAPageThatExistsForThePersonTheMailIsFor()
    {
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        // A dossier forwarded to the partner in each language; the partner then ignores them all.
        var dossiers = new List<string>();
        foreach (var language in new[] { "nl", "fr", "en" })
        {
            var partner = await coordinator.PutAsJsonAsync("/api/partners/net-brussel", new
            {
                name = "Net Brussel / Bruxelles-Propreté",
                language,
                email = "meldingen@net-brussel.example",
                serviceLevels = new[] { new { category = "illegal-dumping", acknowledgeWithinWorkingDays = 1, resolveWithinWorkingDays = 3 } },
            });
            Assert.Equal(HttpStatusCode.OK, partner.StatusCode);
            var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping", _time.GetUtcNow());
            await _app.PartnerLinkFromMailAsync(dossierId); // its mail went out in this language
            dossiers.Add(dossierId);
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/api/dossiers/{dossiers[0]}/partner-link", null)).StatusCode);

        // A citizen books in each language, moves the appointment, and one of them cancels later.
        var bookings = new List<(string Id, string Token)>();
        foreach (var language in new[] { "nl", "fr", "en" })
        {
            var request = Bookings.BookingFlows.Request((await SlotsAsync("2026-11-19"))[0]);
            request["language"] = language;
            var held = await _app.HoldAsync((DateTimeOffset)request["start"]!, request: request);
            await _app.ConfirmAsync(held);
            var link = Bookings.BookingFlows.Link(held);
            var moved = await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{link.Id}/reschedule?token={Uri.EscapeDataString(link.Token)}", new { start = (await SlotsAsync("2026-11-19"))[^1] });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            bookings.Add(link);
        }

        // Reminders and escalations to the partner and the coordinator, the booking reminders the day before.
        foreach (var moment in new[] { "2026-11-12 10:01", "2026-11-13 10:01", "2026-11-16 10:01", "2026-11-17 10:01", "2026-11-18 10:01", "2026-11-18 23:00" })
        {
            await MoveClockToAsync(moment);
        }

        var (cancelId, cancelToken) = bookings[2];
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{cancelId}/cancel?token={Uri.EscapeDataString(cancelToken)}", new { })).StatusCode);

        var mails = await AllMailsAsync();
        var kinds = mails.GroupBy(m => Kind(m.Id)).ToDictionary(g => g.Key, g => g.Select(m => m.Language).Distinct().Order().ToList());
        Assert.Equal(["en", "fr", "nl"], kinds["forwarded"]);
        Assert.Contains("reminder", kinds.Keys);
        Assert.Contains("escalation", kinds.Keys);
        Assert.Contains("new-link", kinds.Keys);
        Assert.Equal(["en", "fr", "nl"], kinds["booking-confirmed"]);
        Assert.Equal(["en", "fr", "nl"], kinds["booking-changed"]);
        Assert.Equal(["en", "fr", "nl"], kinds["booking-reminder"]);
        Assert.Equal(["en"], kinds["booking-cancelled"]);
        // Every value in a mail is in the mail's language: the coordinator's Dutch escalation names the status in Dutch.
        var escalation = mails.First(m => Kind(m.Id) == "escalation");
        Assert.Equal("nl", escalation.Language);
        Assert.Matches("Status: (Doorgestuurd|Ontvangst bevestigd)\r\n", escalation.Body);
        Assert.DoesNotMatch("Forwarded|Acknowledged|InProgress", escalation.Body);

        // The renewed link withdrew the one in the first forwarding mail, as the new mail tells the partner.
        var withdrawn = $"{dossiers[0]}-forwarded";
        var followed = new List<string>();
        foreach (var mail in mails)
        {
            var links = Links().Matches(mail.Body).Select(m => new Uri(m.Value)).ToList();
            Assert.True(links.Count > 0, $"Mail {mail.Id} holds no link.");
            foreach (var link in links)
            {
                await FollowAsync(mail, link, withdrawn: mail.Id == withdrawn);
                followed.Add($"{Kind(mail.Id)} ({mail.Language}) → {link.AbsolutePath}");
            }
        }

        // What the walk covered: the page of every role a mail is for.
        Assert.Contains(followed, f => f.StartsWith("forwarded", StringComparison.Ordinal) && f.EndsWith("/partner/", StringComparison.Ordinal));
        Assert.Contains(followed, f => f.StartsWith("escalation", StringComparison.Ordinal) && f.EndsWith("/coordinator/", StringComparison.Ordinal));
        Assert.Contains(followed, f => f.StartsWith("booking-reminder", StringComparison.Ordinal) && f.EndsWith("/booking/manage/", StringComparison.Ordinal));
    }

    /// <summary>
    /// Follows one link as the person the mail is for. Links to the site: the page answers 200 (and Static Web
    /// Apps lets that role in), and so does the API call the page makes with what the link carries (a partner
    /// link the coordinator withdrew answers 403, and the page says the link was withdrawn). Links
    /// elsewhere (the map) are not fetched, the tests have no internet: they go to OpenStreetMap over https.
    /// </summary>
    private async Task FollowAsync((string Id, string Language, string Body) mail, Uri link, bool withdrawn)
    {
        var what = $"{link} in mail {mail.Id}";
        if (link.GetLeftPart(UriPartial.Authority) != PublicUrl.GetLeftPart(UriPartial.Authority))
        {
            Assert.True(link.Scheme == "https" && link.Host == "www.openstreetmap.org", $"{what} leaves the site for an unknown place.");
            return;
        }

        var query = HttpUtility.ParseQueryString(link.Query);
        var (role, client, api) = link.AbsolutePath switch
        {
            "/partner/" => ("anonymous", _app.CreateClient(), $"/api/partner/dossiers/{query["dossier"]}?token={Uri.EscapeDataString(query["token"] ?? "")}"),
            "/booking/manage/" => ("anonymous", _app.CreateClient(), $"/api/bookings/{query["booking"]}?token={Uri.EscapeDataString(query["token"] ?? "")}"),
            "/coordinator/" => ("coordinator", _app.ClientAs("coordinator-1", "coordinator"), $"/api/dossiers/{query["dossier"]}"),
            "/" => ("anonymous", _app.CreateClient(), null),
            _ => throw new Xunit.Sdk.XunitException($"{what}: no page is known for {link.AbsolutePath}."),
        };

        using var page = await client.GetAsync(link.PathAndQuery);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{what} answers {(int)page.StatusCode} to the {role}.");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.True(StaticWebAppLetsIn(link.AbsolutePath, role), $"{what}: staticwebapp.config.json does not let the {role} in.");
        if (api is not null)
        {
            using var answer = await client.GetAsync(api);
            var expected = withdrawn && link.AbsolutePath == "/partner/" ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            Assert.True(answer.StatusCode == expected, $"{what}: the page's call {api.Split('?')[0]} answers {(int)answer.StatusCode} to the {role}, not {(int)expected}.");
        }
    }

    /// <summary>The first route of staticwebapp.config.json matching the path, as Static Web Apps picks it.</summary>
    private static bool StaticWebAppLetsIn(string path, string role)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "static-web", "staticwebapp.config.json")));
        foreach (var route in config.RootElement.GetProperty("routes").EnumerateArray())
        {
            var pattern = route.GetProperty("route").GetString()!;
            var matches = pattern.EndsWith('*') ? path.StartsWith(pattern[..^1], StringComparison.Ordinal) : path == pattern || path == pattern + "/";
            if (!matches || !(route.TryGetProperty("allowedRoles", out _) || route.TryGetProperty("statusCode", out _)))
            {
                continue;
            }

            if (route.TryGetProperty("statusCode", out var status) && status.GetInt32() >= 400)
            {
                return false;
            }

            var roles = route.GetProperty("allowedRoles").EnumerateArray().Select(r => r.GetString()).ToList();
            return roles.Contains(role) || roles.Contains("anonymous") || (role != "anonymous" && roles.Contains("authenticated"));
        }

        return true;
    }

    private async Task<List<(string Id, string Language, string Body)>> AllMailsAsync()
    {
        var mails = new List<(string, string, string)>();
        foreach (var item in (await _app.OutboxAsync()).EnumerateArray())
        {
            var id = item.GetProperty("id").GetString()!;
            var (eml, body, _) = (await _app.MailAsync(id))!.Value;
            mails.Add((id, ContentLanguage().Match(eml).Groups[1].Value, body));
        }

        return mails;
    }

    /// <summary>What a mail is, from its fixed id: "{dossier}-forwarded", "booking-{id}-{sequence}-confirmed", …</summary>
    private static string Kind(string id) => id switch
    {
        _ when id.StartsWith("booking-", StringComparison.Ordinal) => "booking-" + id[(id.LastIndexOf('-') + 1)..],
        _ when id.EndsWith("-escalation", StringComparison.Ordinal) => "escalation",
        _ when id.Contains("-reminder-", StringComparison.Ordinal) => "reminder",
        _ when id.Contains("-new-link-", StringComparison.Ordinal) => "new-link",
        _ when id.EndsWith("-forwarded", StringComparison.Ordinal) => "forwarded",
        _ => id,
    };

    private async Task<List<DateTimeOffset>> SlotsAsync(string day)
    {
        var slots = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/officers/officer-marc/slots?type=office&from={day}&to={day}");
        return [.. slots.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset())];
    }

    /// <summary>Moves the fake clock (Brussels time) and waits until every step due by then has run.</summary>
    private async Task MoveClockToAsync(string brusselsTime)
    {
        _time.SetUtcNow(At(brusselsTime));
        var now = _time.GetUtcNow();
        await Eventually.TrueAsync(async () =>
            !await _app.Table(Tables.FollowUpDue).QueryAsync<Azure.Data.Tables.TableEntity>().AnyAsync(e => e.GetDateTimeOffset("DueAt") <= now)
            && (await _app.Queue(_app.Setting("FollowUpQueue")).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
            $"the follow-up due by {brusselsTime}");
    }

    private static DateTimeOffset At(string brusselsTime)
    {
        var local = DateTime.ParseExact(brusselsTime, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, Brussels.GetUtcOffset(local)).ToUniversalTime();
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Links();

    [GeneratedRegex(@"Content-Language: (\w+)\r\n")]
    private static partial Regex ContentLanguage();
}
