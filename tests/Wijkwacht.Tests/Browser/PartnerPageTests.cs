using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wijkwacht.Identity;
using static Microsoft.Playwright.Assertions;

namespace Wijkwacht.Tests.Browser;

/// <summary>
/// The partner page in a real browser, as a partner service uses it: opened from the link in its e-mail, on the app
/// served by real Kestrel with its real security headers. Elements are found by role and label, as assistive
/// technology finds them, and every state is checked with axe-core.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class PartnerPageTests(AzuriteFixture azurite, BrowserFixture browser) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);
    private readonly List<IBrowserContext> _contexts = [];
    private Uri _server = null!;

    public ValueTask InitializeAsync()
    {
        _app.StartServer();
        _server = _app.ClientOptions.BaseAddress;
        SetDefaultExpectTimeout(15_000); // two cores, shared with other builds
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ThePartnerAcknowledgesAndResolvesTheDossierFromTheLinkInItsMail()
    {
        var dossierId = await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "illegal-dumping", null, 50.8466, 4.3528));
        var link = OnTestServer(await _app.PartnerLinkFromMailAsync(dossierId));
        // An English browser: the page still opens in Dutch, the language of the partner the dossier went to.
        var (page, console) = await OpenAsync(link, "en-GB");
        var requests = new List<IRequest>();
        page.Request += (_, request) => requests.Add(request);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sluikstorten");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page).ToHaveTitleAsync("Sluikstorten — Dossier voor partnerdiensten — Wijkwacht");
        await Expect(StatusBadge(page)).ToHaveTextAsync("Doorgestuurd");
        await Expect(page.GetByText("Zakken huisvuil naast de glasbak", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByText("50.846600, 4.352800")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Bekijk op OpenStreetMap" }))
            .ToHaveAttributeAsync("href", "https://www.openstreetmap.org/?mlat=50.846600&mlon=4.352800#map=19/50.846600/4.352800");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "In behandeling" })).ToHaveCountAsync(0);
        Assert.Empty(await Axe.ViolationsAsync(page));

        await page.GetByRole(AriaRole.Button, new() { Name = "Ontvangst bevestigen" }).ClickAsync();

        var done = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "De ontvangst van het dossier is bevestigd." });
        await Expect(done).ToBeFocusedAsync();
        await Expect(StatusBadge(page)).ToHaveTextAsync("Ontvangst bevestigd");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ontvangst bevestigen" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "In behandeling" })).ToBeVisibleAsync();

        await page.GetByLabel("Opmerking (niet verplicht)").FillAsync("Opgeruimd om 14u.");
        await page.GetByLabel("Foto van het resultaat (niet verplicht)").SetInputFilesAsync(new FilePayload
        {
            Name = "opgeruimd.jpg",
            MimeType = "image/jpeg",
            Buffer = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Opgelost melden" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "als opgelost gemeld" })).ToBeFocusedAsync();
        await Expect(StatusBadge(page)).ToHaveTextAsync("Opgelost");
        await Expect(page.GetByText("Dit dossier is afgesloten. U hoeft niets meer te doen.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Weigeren" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Opgeruimd om 14u." })).ToContainTextAsync("Opgelost · door uw dienst");
        Assert.Empty(await Axe.ViolationsAsync(page));

        var dossier = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}");
        Assert.Equal("resolved", dossier.GetProperty("status").GetString());
        var history = dossier.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["Forwarded-Acknowledged", "Acknowledged-Resolved"], history.Select(h => h.GetProperty("change").GetString()));
        Assert.Equal("Opgeruimd om 14u.", history[1].GetProperty("note").GetString());
        Assert.Equal("partner:net-brussel", history[1].GetProperty("by").GetString());
        Assert.Equal(JsonValueKind.String, history[1].GetProperty("photo").ValueKind); // uploaded straight to storage, checked on resolve

        // The token is the partner's key: it must not leave through a Referer, nor sit in a link on the page.
        var token = Flows.Query(link, "token");
        Assert.Contains(requests, r => r.Method == "POST" && r.Url.Contains("/resolve?", StringComparison.Ordinal));
        foreach (var request in requests)
        {
            Assert.Null(await request.HeaderValueAsync("referer"));
        }

        var hrefs = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[href]')].map((e) => e.getAttribute('href'))");
        Assert.DoesNotContain(hrefs, href => href.Contains(token, StringComparison.Ordinal) || href.Contains(Uri.EscapeDataString(token), StringComparison.Ordinal));
        Assert.Empty(console);
    }

    [Fact]
    public async Task APhotoThatCannotBeUploadedDoesNotStopThePartnerResolvingTheDossier()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var (page, _) = await OpenAsync(OnTestServer(await _app.PartnerLinkFromMailAsync(dossierId)), "nl-BE", width: 360, height: 740);
        // Storage cannot be reached from the partner's network; the API can.
        var uploads = 0;
        await page.RouteAsync(url => url.Contains("sig=", StringComparison.Ordinal), route =>
        {
            uploads++;
            return route.AbortAsync("connectionrefused");
        });

        await page.GetByLabel("Opmerking (niet verplicht)").FillAsync("Container geledigd.");
        await page.GetByLabel("Foto van het resultaat (niet verplicht)").SetInputFilesAsync(new FilePayload
        {
            Name = "geledigd.jpg",
            MimeType = "image/jpeg",
            Buffer = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Opgelost melden" }).ClickAsync();

        var done = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "als opgelost gemeld" });
        await Expect(done).ToBeFocusedAsync();
        await Expect(done).ToContainTextAsync("De foto kon niet toegevoegd worden; het dossier is wel als opgelost gemeld.");
        await Expect(StatusBadge(page)).ToHaveTextAsync("Opgelost");
        await Expect(page.GetByText("Er ging iets mis", new() { Exact = false })).ToHaveCountAsync(0);
        Assert.Equal(2, uploads); // a dropped connection is tried once more, then the photo is given up
        Assert.Empty(await Axe.ViolationsAsync(page));

        var dossier = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}");
        Assert.Equal("resolved", dossier.GetProperty("status").GetString());
        var resolved = dossier.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("Container geledigd.", resolved.GetProperty("note").GetString());
        Assert.False(resolved.TryGetProperty("photo", out var photo) && photo.ValueKind == JsonValueKind.String, "No photo was attached.");
    }

    [Fact]
    public async Task ATamperedLinkSaysInTheReadersLanguageThatItCannotBeUsed()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var token = Flows.Query(await _app.PartnerLinkFromMailAsync(dossierId), "token");
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var (page, console) = await OpenAsync(new Uri(_server, $"/partner/?dossier={dossierId}&token={Uri.EscapeDataString(forged)}"), "fr-BE");

        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Ce lien ne peut pas être utilisé." });
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToContainTextAsync("Demandez un nouveau lien au coordinateur");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dossier");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Accuser réception" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Réessayer" })).ToHaveCountAsync(0);
        Assert.Empty(await Axe.ViolationsAsync(page));
        Assert.All(console, message => Assert.Contains("403", message, StringComparison.Ordinal)); // the browser reports the refused call, nothing else
    }

    [Fact]
    public async Task AGoodLinkToADossierThatNoLongerExistsSaysSo()
    {
        var missing = Guid.NewGuid().ToString();
        var token = _app.Services.GetRequiredService<SignedLinks>().Issue(LinkPurpose.PartnerDossier, missing, TimeSpan.FromDays(1));

        var (page, _) = await OpenAsync(new Uri(_server, $"/partner/?dossier={missing}&token={Uri.EscapeDataString(token)}"), "en-GB");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This case no longer exists.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToHaveCountAsync(0);
        Assert.Empty(await Axe.ViolationsAsync(page));
    }

    [Fact]
    public async Task RejectingAsksForAReasonFirstAndWorksOnAPhoneSizedScreen()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var (page, console) = await OpenAsync(OnTestServer(await _app.PartnerLinkFromMailAsync(dossierId)), "nl-BE", width: 320, height: 640);
        var reject = page.GetByRole(AriaRole.Button, new() { Name = "Weigeren" });
        await Expect(reject).ToBeVisibleAsync();

        await reject.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Controleer de gemarkeerde velden." })).ToBeFocusedAsync();
        var reason = page.GetByLabel("Reden van weigering (verplicht)");
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(reason).ToHaveAccessibleDescriptionAsync(new Regex("Geef de reden waarom uw dienst het dossier weigert."));
        await Expect(StatusBadge(page)).ToHaveTextAsync("Doorgestuurd");
        Assert.Empty(await Axe.ViolationsAsync(page));

        await reason.FillAsync("Privéterrein: eigenaar aangeschreven.");
        await reject.ClickAsync();

        await Expect(StatusBadge(page)).ToHaveTextAsync("Geweigerd");
        await Expect(page.GetByRole(AriaRole.Definition).Filter(new() { HasText = "Privéterrein: eigenaar aangeschreven." })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 320 px.");
        Assert.Empty(await Axe.ViolationsAsync(page));
        Assert.Empty(console);
    }

    [Fact]
    public async Task AnActionThatNoLongerAppliesShowsWhereTheDossierStandsNow()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var (page, _) = await OpenAsync(OnTestServer(await _app.PartnerLinkFromMailAsync(dossierId)), "nl-BE");
        var acknowledge = page.GetByRole(AriaRole.Button, new() { Name = "Ontvangst bevestigen" });
        await Expect(acknowledge).ToBeVisibleAsync();

        var meanwhile = await _app.ClientAs("coordinator-1", "coordinator")
            .PostAsJsonAsync($"/api/dossiers/{dossierId}/transitions", new { to = "resolved", reason = "Zelf opgelost." });
        Assert.Equal(HttpStatusCode.OK, meanwhile.StatusCode);
        await acknowledge.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Dit dossier werd intussen gewijzigd" })).ToBeFocusedAsync();
        await Expect(StatusBadge(page)).ToHaveTextAsync("Opgelost");
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Zelf opgelost." })).ToContainTextAsync("door de coördinator");
        await Expect(acknowledge).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ALanguageTheReaderChoseWinsOverTheDossiersLanguageLabelsIncluded()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var (page, _) = await OpenAsync(OnTestServer(await _app.PartnerLinkFromMailAsync(dossierId)), "nl-BE");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ontvangst bevestigen" })).ToBeVisibleAsync();
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToHaveTextAsync("Sluikstorten");

        await page.GetByRole(AriaRole.Group, new() { Name = "Taal" }).GetByRole(AriaRole.Button, new() { Name = "FR Français" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Accuser réception" })).ToBeVisibleAsync();
        // The category follows the page's language too, not only the texts around it.
        await Expect(heading).ToHaveTextAsync("Dépôt clandestin");
        await Expect(heading).Not.ToHaveAttributeAsync("lang", "nl");
        await page.ReloadAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Accuser réception" })).ToBeVisibleAsync();
        await Expect(StatusBadge(page)).ToHaveTextAsync("Transmis");
        await Expect(heading).ToHaveTextAsync("Dépôt clandestin");
        await Expect(page).ToHaveTitleAsync(new Regex("^Dépôt clandestin — "));

        await page.GetByRole(AriaRole.Group, new() { Name = "Langue" }).GetByRole(AriaRole.Button, new() { Name = "NL Nederlands" }).ClickAsync();
        await Expect(heading).ToHaveTextAsync("Sluikstorten");
        Assert.Empty(await Axe.ViolationsAsync(page));
    }

    /// <summary>A new private window, with axe ready, on the page; also what the page wrote to the console as errors.</summary>
    private async Task<(IPage Page, List<string> Console)> OpenAsync(Uri url, string locale, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(locale, width, height);
        _contexts.Add(context);
        await Axe.AddToAsync(context);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                console.Add(message.Text);
            }
        };
        page.PageError += (_, error) => console.Add(error);
        await page.GotoAsync(url.ToString());
        return (page, console);
    }

    /// <summary>The mail links to the public address; the test server listens elsewhere.</summary>
    private Uri OnTestServer(Uri link) => new(_server, link.PathAndQuery);

    /// <summary>The badge beside "Status" in the dossier's facts: its text is the status in words.</summary>
    private static ILocator StatusBadge(IPage page) => page.Locator(".partner-status");
}
