using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wijkwacht.Tests.Browser;

/// <summary>
/// The coordinator's page in a real browser, on a phone and a desktop screen: filtering the list, opening a
/// dossier and coming back to the same place, changing a dossier that someone else changed meanwhile, an internal
/// note. Every state is checked with axe-core; the map loads no tiles here (no network), as offline.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class CoordinatorPageTests(AzuriteFixture azurite, BrowserFixture browser) : IAsyncLifetime
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

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task ACoordinatorFiltersOpensADossierAndComesBackToTheSamePlaceInTheList(int width)
    {
        var glass = await RecordAsync("illegal-dumping", 50.8466, 4.3528, "Rue de l'Étuve 12", "Zakken naast de glasbak");
        await RecordAsync("illegal-dumping", 50.8480, 4.3500, "Kiekenmarkt 3", "Matras op de stoep");
        await RecordAsync("noise", 50.8450, 4.3540, "Grasmarkt 1", "Muziek na middernacht");
        var (page, problems) = await OpenAsync(width, "/coordinator/");

        var list = page.GetByRole(AriaRole.Region, new() { Name = "Dossiers" });
        await Expect(list.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Sluikstorten" })).ToHaveCountAsync(2);
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "Doorgestuurd: 3" })).ToBeVisibleAsync();
        await Expect(page.Locator(".dossier-map .leaflet-marker-icon").First).ToBeAttachedAsync(); // markers without tiles
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Zoeken (referentie, beschrijving, adres)").FillAsync("glasbak");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter toepassen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/coordinator/\?q=glasbak$"));
        var item = list.GetByRole(AriaRole.Link, new() { Name = $"{glass[..8]} · Sluikstorten" });
        await Expect(list.Locator(".dossier-item")).ToHaveCountAsync(1);
        await AssertAccessibleAsync(page);

        await item.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/coordinator/\?q=glasbak&dossier={glass}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = $"Dossier {glass[..8]} — Sluikstorten" })).ToBeFocusedAsync();
        await Expect(page.Locator(".dossier-facts")).ToContainTextAsync("Net Brussel");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Verloop" })).ToContainTextAsync("E-mail verstuurd aan meldingen@net-brussel.example");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Vaststellingen" })).ToContainTextAsync("Zakken naast de glasbak");
        await AssertAccessibleAsync(page);

        await page.GoBackAsync();

        await Expect(page.GetByLabel("Zoeken (referentie, beschrijving, adres)")).ToHaveValueAsync("glasbak");
        await Expect(item).ToBeFocusedAsync();
        await Expect(list.Locator(".dossier-item")).ToHaveCountAsync(1);
        await AssertAccessibleAsync(page);

        await page.GoBackAsync(); // and the filter before: all dossiers
        await Expect(list.Locator(".dossier-item")).ToHaveCountAsync(3);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task AChangeToADossierSomeoneElseChangedMeanwhileShowsWhatChangedThenAppliesAfterAReload(int width)
    {
        var id = await RecordAsync("illegal-dumping", 50.8466, 4.3528, "Rue de l'Étuve 12", "Zakken naast de glasbak");
        var (page, problems) = await OpenAsync(width, $"/coordinator/?dossier={id}"); // as the escalation mails link
        await Expect(page.Locator(".dossier-facts")).ToContainTextAsync("Doorgestuurd");

        var colleague = await _app.ClientAs("coordinator-2", "coordinator").PostAsJsonAsync($"/api/dossiers/{id}/transitions", new { to = "acknowledged" });
        Assert.Equal(HttpStatusCode.OK, colleague.StatusCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Afsluiten als opgelost" }).ClickAsync();

        var conflict = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Iemand anders wijzigde dit dossier intussen." });
        await Expect(conflict).ToBeFocusedAsync();
        await Expect(conflict).ToContainTextAsync("De status is nu Ontvangst bevestigd (was Doorgestuurd).");
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Dossier opnieuw laden" }).ClickAsync();
        await Expect(page.Locator(".dossier-facts")).ToContainTextAsync("Ontvangst bevestigd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afsluiten als opgelost" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Het dossier is afgesloten als opgelost." })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Weigeren" })).ToHaveCountAsync(0);
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Verloop" });
        await Expect(timeline).ToContainTextAsync("Status Ontvangst bevestigd → Opgelost");
        await Expect(timeline).ToContainTextAsync("door coordinator-2");

        await page.GetByLabel("Interne notitie (nooit zichtbaar voor partners)").FillAsync("Buurman verwittigd.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Notitie toevoegen" }).ClickAsync();
        await Expect(timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Buurman verwittigd." })).ToContainTextAsync("Interne notitie");
        await AssertAccessibleAsync(page);

        var dossier = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}");
        Assert.Equal("resolved", dossier.GetProperty("status").GetString());
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task ACoordinatorClosesTheDossiersTickedInTheListInOneGo(int width)
    {
        var first = await RecordAsync("illegal-dumping", 50.8466, 4.3528, "Rue de l'Étuve 12", "Zakken naast de glasbak");
        var second = await RecordAsync("noise", 50.8450, 4.3540, "Grasmarkt 1", "Muziek na middernacht");
        var kept = await RecordAsync("illegal-dumping", 50.8480, 4.3500, "Kiekenmarkt 3", "Matras op de stoep");
        var (page, problems) = await OpenAsync(width, "/coordinator/");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Dossier {first[..8]} selecteren" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Dossier {second[..8]} selecteren" }).CheckAsync();
        var bar = page.GetByRole(AriaRole.Group, new() { Name = "2 dossiers geselecteerd" });
        await Expect(bar).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await bar.GetByLabel("Reden of notitie").FillAsync("Opgeruimd bij controle");
        await bar.GetByRole(AriaRole.Button, new() { Name = "Uitvoeren" }).ClickAsync();

        var results = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "2 van 2 dossiers gedaan." });
        await Expect(results).ToBeFocusedAsync();
        await Expect(results).ToContainTextAsync($"{first[..8]}: gedaan");
        var list = page.GetByRole(AriaRole.Region, new() { Name = "Dossiers" });
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "Opgelost: 2" })).ToBeVisibleAsync();
        await Expect(bar).ToBeHiddenAsync(); // the list came back fresh, nothing ticked
        await AssertAccessibleAsync(page);

        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        Assert.Equal("resolved", (await coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{second}")).GetProperty("status").GetString());
        Assert.Equal("forwarded", (await coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{kept}")).GetProperty("status").GetString());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task SomeoneWithoutTheCoordinatorRoleIsToldSo()
    {
        var context = await NewContextAsync(1280);
        await SignInAsync(context, "warden-1", "warden");
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server, "/coordinator/").ToString());

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deze pagina is voor coördinatoren en beheerders.");
        await AssertAccessibleAsync(page);
    }

    private async Task<string> RecordAsync(string category, double latitude, double longitude, string address, string description)
    {
        var observation = Requests.Observation(Guid.NewGuid(), category, DateTimeOffset.UtcNow, latitude, longitude);
        observation["address"] = address;
        observation["description"] = description;
        var id = await _app.RecordAndForwardAsync(observation);
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        await Eventually.TrueAsync(async () => (await coordinator.GetStringAsync($"/api/dossiers?q={id[..8]}&status=forwarded")).Contains(id, StringComparison.Ordinal), "the dossier in the list");
        return id;
    }

    /// <summary>Signed in as a coordinator (the development sign-in's cookie); problems are script errors and CSP violations.</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenAsync(int width, string path)
    {
        var context = await NewContextAsync(width);
        await SignInAsync(context, "coordinator-1", "coordinator");
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
        await page.GotoAsync(new Uri(_server, path).ToString());
        return (page, problems);
    }

    private async Task SignInAsync(IBrowserContext context, string userId, string role)
    {
        var signIn = await context.APIRequest.PostAsync(new Uri(_server, "/api/dev/signin").ToString(), new() { DataObject = new { userId, roles = new[] { role } } });
        Assert.True(signIn.Ok, $"Signing in answered {signIn.Status}.");
    }

    private async Task<IBrowserContext> NewContextAsync(int width)
    {
        var context = await browser.NewContextAsync("nl-BE", width, height: 900);
        _contexts.Add(context);
        await Axe.AddToAsync(context);
        return context;
    }

    /// <summary>No axe violations, and nothing wider than the window (a 360 px phone scrolls only down).</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        Assert.Empty(await Axe.ViolationsAsync(page));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page is wider than the window.");
    }
}
