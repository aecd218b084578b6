using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wijkwacht.Tests.Browser;

/// <summary>
/// The warden app in a real browser on a phone-sized screen, as a warden uses it in the street: the network drops,
/// the observation waits on the device, and it is sent once the network is back — exactly once, photo included.
/// Elements are found by role and label, as assistive technology finds them.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class WardenAppTests(AzuriteFixture azurite, BrowserFixture browser) : IAsyncLifetime
{
    // Near the Grand-Place, inside the City of Brussels.
    private const float Latitude = 50.8466f;
    private const float Longitude = 4.3528f;

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
    public async Task AnObservationRecordedOfflineIsSentOnceWithItsPhotoWhenTheNetworkReturns()
    {
        var (context, page, problems) = await OpenAsWardenAsync("warden-offline", "Sofie Dubois");
        await Expect(page.GetByText("Aangemeld als Sofie Dubois")).ToBeVisibleAsync();
        await Expect(page.GetByText("± 12 m · 50.84660, 4.35280")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Sluikstorten" })).ToBeVisibleAsync();
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        var shell = await page.EvaluateAsync<string[]>("async () => (await (await caches.open('wijkwacht-warden-shell-v1')).keys()).map((r) => new URL(r.url).pathname)");
        Assert.Contains("/warden/", shell);
        Assert.Contains("/vendor/leaflet/leaflet-src.esm.js", shell);
        Assert.Contains("/i18n/fr.json", shell);
        Assert.Empty(await Axe.ViolationsAsync(page));

        await context.SetOfflineAsync(true);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Geen verbinding" })).ToBeVisibleAsync();

        // The warden picks the category and its kind, describes what they see and takes a photo larger than the
        // app keeps: it is shrunk to 2000 px on its long side before it is stored.
        await page.GetByRole(AriaRole.Group, new() { Name = "Wat stelt u vast?" }).GetByRole(AriaRole.Radio, new() { Name = "Sluikstorten" }).CheckAsync();
        await page.GetByLabel("Soort (niet verplicht)").SelectOptionAsync(new SelectOptionValue { Label = "Huishoudelijk afval" });
        await page.GetByLabel("Beschrijving (niet verplicht)").FillAsync("Zakken huisvuil naast de glasbak, zonder verbinding vastgesteld.");
        await page.GetByLabel("Foto nemen of kiezen").SetInputFilesAsync(new FilePayload
        {
            Name = "sluikstort.jpg",
            MimeType = "image/jpeg",
            Buffer = await JpegAsync(page, 2400, 1600),
        });
        var thumbnail = page.GetByRole(AriaRole.Img, new() { Name = "Foto 1" });
        await Expect(thumbnail).ToBeVisibleAsync();
        Assert.Equal(2000, await thumbnail.EvaluateAsync<int>("(img) => img.naturalWidth"));
        Assert.Equal(1333, await thumbnail.EvaluateAsync<int>("(img) => img.naturalHeight"));
        await Expect(page.GetByText("1 van 5 foto's.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Vaststelling bewaren" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "bewaard op dit toestel" })).ToBeFocusedAsync();
        var item = ListItem(page, "Zakken huisvuil naast de glasbak");
        await Expect(item).ToContainTextAsync("Op dit toestel");
        await Expect(item).ToContainTextAsync("Sluikstorten · Huishoudelijk afval");
        await Expect(page.GetByText("1 vaststelling wacht op dit toestel tot er verbinding is.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Sluikstorten" })).Not.ToBeCheckedAsync();
        var id = Guid.Parse(await item.GetAttributeAsync("data-id") ?? "");
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/observations/{id}")).StatusCode);
        Assert.Empty(await Axe.ViolationsAsync(page));

        // Closed and opened again without network: the app comes from the service worker, the observation from
        // the device.
        await page.ReloadAsync();
        await Expect(page.GetByText("Aangemeld als Sofie Dubois · zonder verbinding")).ToBeVisibleAsync();
        await Expect(item).ToContainTextAsync("Op dit toestel");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Sluikstorten" })).ToBeVisibleAsync();

        await context.SetOfflineAsync(false);

        await Expect(item).ToContainTextAsync("Verstuurd", new() { Timeout = 30_000 });
        var stored = await coordinator.GetFromJsonAsync<JsonElement>($"/api/observations/{id}");
        Assert.Equal("illegal-dumping", stored.GetProperty("category").GetString());
        Assert.Equal("household-waste", stored.GetProperty("subcategory").GetString());
        Assert.Equal("Zakken huisvuil naast de glasbak, zonder verbinding vastgesteld.", stored.GetProperty("description").GetString());
        Assert.Equal(12, stored.GetProperty("accuracy").GetDouble());
        var photo = Assert.Single(stored.GetProperty("photos").EnumerateArray());
        Assert.Equal("image/jpeg", photo.GetProperty("contentType").GetString());
        var mine = await _app.ClientAs("warden-offline", "warden").GetFromJsonAsync<JsonElement>("/api/observations?mine=true&pageSize=100");
        Assert.Equal(id, Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        // The dossier the observation joined shows once the API has made it, and nothing waits any more.
        var dossierId = await Eventually.GetAsync(
            async () => (await coordinator.GetFromJsonAsync<JsonElement>($"/api/observations/{id}")).GetProperty("dossierId").GetString(), "the observation's dossier");
        // A short reference, as in the partner's mail, not the whole id; and who has it.
        await Expect(item).ToContainTextAsync($"Dossier {dossierId![..8]} · bij Net Brussel", new() { Timeout = 45_000 });
        await Expect(item).Not.ToContainTextAsync(dossierId);
        await Expect(page.GetByText("wacht op dit toestel")).ToHaveCountAsync(0);
        Assert.Empty(await Axe.ViolationsAsync(page));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task AnswersLostOnTheWayAreAskedForAgainAndNothingIsRecordedTwice()
    {
        var (_, page, problems) = await OpenAsWardenAsync("warden-flaky", "Lotte Peeters");
        // The server receives the create and the photo's confirmation and answers, but the first answer of each
        // never reaches the phone (a train entering a tunnel): the queue must ask again, and the API recognise it.
        var sent = new List<string>();
        var lost = new HashSet<string>();
        await page.RouteAsync("**/api/observations**", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            var step = route.Request.Method != "POST" ? null : path == "/api/observations" ? "create" : path.EndsWith("/confirm", StringComparison.Ordinal) ? "confirm" : null;
            if (step is null)
            {
                await route.ContinueAsync();
                return;
            }

            sent.Add(step);
            await route.FetchAsync();
            if (lost.Add(step))
            {
                await route.AbortAsync("connectionreset");
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await page.GetByRole(AriaRole.Radio, new() { Name = "Graffiti en vandalisme" }).CheckAsync();
        await page.GetByLabel("Beschrijving (niet verplicht)").FillAsync("Tags op de gevel van de bibliotheek.");
        await page.GetByLabel("Foto nemen of kiezen").SetInputFilesAsync(new FilePayload { Name = "tags.jpg", MimeType = "image/jpeg", Buffer = await JpegAsync(page, 800, 600) });
        await Expect(page.GetByText("1 van 5 foto's.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Vaststelling bewaren" }).ClickAsync();

        var item = ListItem(page, "Tags op de gevel");
        await Expect(item).ToContainTextAsync("Verstuurd", new() { Timeout = 45_000 });
        Assert.Equal(["create", "create", "confirm", "confirm"], sent.Where(s => s is "create" or "confirm"));
        var id = Guid.Parse(await item.GetAttributeAsync("data-id") ?? "");
        var mine = await _app.ClientAs("warden-flaky", "warden").GetFromJsonAsync<JsonElement>("/api/observations?mine=true&pageSize=100");
        var stored = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal(id, stored.GetProperty("id").GetGuid());
        Assert.Single(stored.GetProperty("photos").EnumerateArray());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task AnObservationTheServerRefusesShowsWhyAndCanBeDeletedFromTheDevice()
    {
        // Antwerp: outside the municipality, which the API refuses. On the narrowest phone screen.
        var (_, page, problems) = await OpenAsWardenAsync("warden-antwerp", "Karim El Idrissi", latitude: 51.2194f, longitude: 4.4025f, width: 320);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Hondenpoep" }).CheckAsync();
        await Expect(page.GetByText("± 12 m · 51.21940, 4.40250")).ToBeVisibleAsync();
        // The form says so before anything is saved.
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Locatie" }).GetByRole(AriaRole.Status).Filter(new() { HasText = "Deze positie ligt buiten de gemeente" })).ToBeVisibleAsync();
        await page.GetByLabel("Beschrijving (niet verplicht)").FillAsync("Buiten de stad.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Vaststelling bewaren" }).ClickAsync();

        var item = ListItem(page, "Buiten de stad.");
        await Expect(item).ToContainTextAsync("Niet verstuurd");
        await Expect(item).ToContainTextAsync("De server weigerde deze vaststelling.");
        await Expect(item.GetByRole(AriaRole.Listitem)).ToHaveTextAsync("Locatie: Deze plaats ligt buiten de gemeente.");
        await Expect(page.GetByText("1 vaststelling kon niet verstuurd worden: zie hieronder.")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 320 px.");
        Assert.Empty(await Axe.ViolationsAsync(page));

        var retry = item.GetByRole(AriaRole.Button, new() { Name = "Opnieuw proberen", Exact = false });
        await Expect(retry).ToBeVisibleAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Van dit toestel verwijderen", Exact = false }).ClickAsync();

        await Expect(item).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijn recente vaststellingen" })).ToBeFocusedAsync();
        await Expect(page.GetByText("U heeft nog geen vaststellingen.")).ToBeVisibleAsync();
        Assert.Empty(problems);
    }

    [Fact]
    public async Task APhotoThatCannotBeUploadedNeverHoldsBackTheObservationsRecordedAfterIt()
    {
        var (context, page, problems) = await OpenAsWardenAsync("warden-stalled", "Ilse Janssens");
        // The tile server is out of reach (the tests have no internet) while the app is online: it says just that.
        await Expect(page.GetByText("De kaarttegels konden niet geladen worden.", new() { Exact = false })).ToBeVisibleAsync();
        // Blob Storage cannot be reached (a captive portal lets the API through but not the storage host).
        var uploads = 0;
        await page.RouteAsync(IsUpload, route =>
        {
            uploads++;
            return route.AbortAsync("connectionrefused");
        });
        await RecordAsync(page, "Graffiti en vandalisme", "Tags op de brug, foto blijft hangen.", await JpegAsync(page, 800, 600));

        var first = ListItem(page, "foto blijft hangen");
        await Expect(first).ToContainTextAsync("Wordt opnieuw geprobeerd (de fotoopslag is niet bereikbaar)", new() { Timeout = 30_000 });
        await Expect(first).Not.ToContainTextAsync("TypeError");
        Assert.True(uploads >= 1);

        // Offline, a second observation; back online, it is sent at once, while the first still waits for its photo.
        await context.SetOfflineAsync(true);
        await Expect(page.GetByText("De kaart is niet beschikbaar zonder verbinding.", new() { Exact = false })).ToBeVisibleAsync();
        await RecordAsync(page, "Hondenpoep", "Voetpad vuil, na de brug.");
        var second = ListItem(page, "Voetpad vuil, na de brug.");
        await Expect(second).ToContainTextAsync("Op dit toestel");
        await context.SetOfflineAsync(false);

        await Expect(second).ToContainTextAsync("Verstuurd", new() { Timeout = 30_000 });
        await Expect(first).Not.ToContainTextAsync("Verstuurd");
        await Expect(first).ToContainTextAsync("de fotoopslag is niet bereikbaar");
        var secondId = Guid.Parse(await second.GetAttributeAsync("data-id") ?? "");
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/observations/{secondId}")).StatusCode);
        Assert.Empty(await Axe.ViolationsAsync(page));

        // Storage is back: "send now" sends the photo, without waiting for the first observation's back-off.
        await page.UnrouteAsync(IsUpload);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nu versturen" }).ClickAsync();
        await Expect(first).ToContainTextAsync("Verstuurd", new() { Timeout = 30_000 });
        var firstId = Guid.Parse(await first.GetAttributeAsync("data-id") ?? "");
        var stored = await coordinator.GetFromJsonAsync<JsonElement>($"/api/observations/{firstId}");
        Assert.Single(stored.GetProperty("photos").EnumerateArray());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task APhotoStorageRefusesIsSetAsideWithItsReasonWhileTheNextObservationIsSent()
    {
        var (_, page, problems) = await OpenAsWardenAsync("warden-refused-photo", "Noah Claes", width: 360);
        // Storage refuses the upload every time (a file it will not take): retrying will not heal that.
        await page.RouteAsync(IsUpload, route => route.FulfillAsync(new() { Status = 403, Body = "AuthorizationFailure" }));
        await RecordAsync(page, "Sluikstorten", "Matras aan de hoek, foto geweigerd.", await JpegAsync(page, 640, 480));

        var refused = ListItem(page, "foto geweigerd");
        await Expect(refused).ToContainTextAsync("Foto niet verstuurd", new() { Timeout = 30_000 });
        await Expect(refused).ToContainTextAsync("De vaststelling is aangekomen, maar een foto niet: de fotoopslag weigerde de foto (HTTP 403).");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "verstuurd, maar een foto niet: zie hieronder." })).ToBeVisibleAsync();
        await Expect(page.GetByText("wordt nu verstuurd")).ToHaveCountAsync(0);
        await Expect(refused.GetByRole(AriaRole.Button, new() { Name = "Opnieuw proberen", Exact = false })).ToBeVisibleAsync();
        await Expect(refused.GetByRole(AriaRole.Button, new() { Name = "Van dit toestel verwijderen", Exact = false })).ToBeVisibleAsync();

        await RecordAsync(page, "Hondenpoep", "Stoep aan de school.");
        await Expect(ListItem(page, "Stoep aan de school.")).ToContainTextAsync("Verstuurd", new() { Timeout = 30_000 });
        await Expect(refused).ToContainTextAsync("Foto niet verstuurd");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 360 px.");
        Assert.Empty(await Axe.ViolationsAsync(page));

        // Storage takes it again: the warden retries, and the photo goes.
        await page.UnrouteAsync(IsUpload);
        await refused.GetByRole(AriaRole.Button, new() { Name = "Opnieuw proberen", Exact = false }).ClickAsync();
        await Expect(refused).ToContainTextAsync("Verstuurd", new() { Timeout = 30_000 });
        await Expect(refused).Not.ToContainTextAsync("Foto niet verstuurd");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task AFrenchWardenReadsTheServersRefusalInFrench()
    {
        var (_, page, problems) = await OpenAsWardenAsync("warden-fr", "Amélie Lambert", latitude: 51.2194f, longitude: 4.4025f, locale: "fr-BE");
        await Expect(page.GetByText("Ce lieu", new() { Exact = false })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Cette position est en dehors de la commune" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Que constatez-vous ?" }).GetByRole(AriaRole.Radio).First.CheckAsync();
        await page.GetByLabel("Description (facultatif)").FillAsync("Hors de la ville.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le constat" }).ClickAsync();

        var item = page.GetByRole(AriaRole.Region, new() { Name = "Mes constats récents" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Hors de la ville." });
        await Expect(item).ToContainTextAsync("Non envoyé");
        await Expect(item).ToContainTextAsync("Le serveur a refusé ce constat.");
        await Expect(item.GetByRole(AriaRole.Listitem)).ToHaveTextAsync("Lieu : Ce lieu est situé en dehors de la commune.");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("outside the municipality", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("validation errors", text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await Axe.ViolationsAsync(page));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task WithoutSignInTheAppSaysWhereToSignIn()
    {
        var context = await NewContextAsync("fr-BE");
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server, "/warden/").ToString());

        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Vous n'êtes pas connecté." });
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert.GetByRole(AriaRole.Link, new() { Name = "Se connecter" })).ToHaveAttributeAsync("href", "/signin/");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le constat" })).ToBeHiddenAsync();
        Assert.Empty(await Axe.ViolationsAsync(page));
    }

    /// <summary>
    /// A phone-sized window signed in as a warden (the development sign-in's cookie), with the GPS at a position,
    /// on the warden app. Problems are what must never happen: script errors and CSP violations.
    /// </summary>
    private async Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsWardenAsync(
        string userId, string name, float latitude = Latitude, float longitude = Longitude, int width = 412, string locale = "nl-BE")
    {
        var context = await NewContextAsync(locale, width);
        await context.GrantPermissionsAsync(["geolocation"], new() { Origin = _server.GetLeftPart(UriPartial.Authority) });
        await context.SetGeolocationAsync(new Geolocation { Latitude = latitude, Longitude = longitude, Accuracy = 12 });
        var signIn = await context.APIRequest.PostAsync(new Uri(_server, "/api/dev/signin").ToString(), new()
        {
            DataObject = new { userId, name, roles = new[] { "warden" } },
        });
        Assert.True(signIn.Ok, $"Signing in answered {signIn.Status}.");

        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(_server, "/warden/").ToString());
        return (context, page, problems);
    }

    private async Task<IBrowserContext> NewContextAsync(string locale, int width = 412)
    {
        var context = await browser.NewContextAsync(locale, width, height: 915);
        _contexts.Add(context);
        await Axe.AddToAsync(context);
        return context;
    }

    /// <summary>The PUT of a photo's bytes straight to Blob Storage, through the upload URL (a SAS) the API gave.</summary>
    private static bool IsUpload(string url) => url.Contains("sig=", StringComparison.Ordinal) && url.Contains("/incoming/", StringComparison.Ordinal);

    /// <summary>Records an observation in the form: a category, a description and, if given, one photo.</summary>
    private static async Task RecordAsync(IPage page, string category, string description, byte[]? photo = null)
    {
        await page.GetByRole(AriaRole.Group, new() { Name = "Wat stelt u vast?" }).GetByRole(AriaRole.Radio, new() { Name = category }).CheckAsync();
        await page.GetByLabel("Beschrijving (niet verplicht)").FillAsync(description);
        if (photo is not null)
        {
            await page.GetByLabel("Foto nemen of kiezen").SetInputFilesAsync(new FilePayload { Name = "foto.jpg", MimeType = "image/jpeg", Buffer = photo });
            await Expect(page.GetByText("1 van 5 foto's.")).ToBeVisibleAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Vaststelling bewaren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = category })).Not.ToBeCheckedAsync();
    }

    private static ILocator ListItem(IPage page, string text) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Mijn recente vaststellingen" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = text });

    /// <summary>A real JPEG of the given size, made by the browser's own encoder.</summary>
    private static async Task<byte[]> JpegAsync(IPage page, int width, int height)
    {
        var dataUrl = await page.EvaluateAsync<string>(
            """
            ([width, height]) => {
              const canvas = document.createElement('canvas');
              canvas.width = width;
              canvas.height = height;
              const context = canvas.getContext('2d');
              context.fillStyle = '#6b8e23';
              context.fillRect(0, 0, width, height);
              context.fillStyle = '#333';
              context.fillRect(width / 4, height / 3, width / 2, height / 3);
              return canvas.toDataURL('image/jpeg', 0.9);
            }
            """,
            new[] { width, height });
        return Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',', StringComparison.Ordinal) + 1)..]);
    }
}
