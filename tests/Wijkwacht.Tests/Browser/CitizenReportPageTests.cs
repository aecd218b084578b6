using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wijkwacht.Tests.Browser;

/// <summary>
/// The citizen report page and the status page in a real browser on a 360 px phone, found by role and label as
/// assistive technology finds them, every state checked with axe-core.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class CitizenReportPageTests(AzuriteFixture azurite, BrowserFixture browser) : IAsyncLifetime
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
    public async Task ACitizenReportsWithAPhotoOnAPhoneFollowsTheStatusLinkAndAnswersNotFixed()
    {
        // A warden saw the same dumping at the Grand-Place (where the map opens): the page shows it is known.
        var dossierId = await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "illegal-dumping", null, 50.8468, 4.3525));
        var page = await OpenAsync(new Uri(_server, "/report/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Een probleem melden");
        await Expect(page.GetByLabel("Wat is het probleem?").Locator("option", new() { HasText = "Sluikstorten" })).ToHaveCountAsync(1);
        Assert.Empty(await Axe.ViolationsAsync(page));

        await page.GetByLabel("Wat is het probleem?").SelectOptionAsync(new SelectOptionValue { Label = "Sluikstorten" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Kaart tonen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Het midden van de kaart kiezen" }).ClickAsync();

        var nearby = page.GetByRole(AriaRole.Region, new() { Name = "Is dit uw probleem? Het is al gemeld" });
        await Expect(nearby).ToBeVisibleAsync();
        await Expect(nearby.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(new Regex("^Sluikstorten, op \\d+ m, gemeld op .+: Doorgestuurd$"));
        Assert.Empty(await Axe.ViolationsAsync(page));

        await page.GetByLabel("Beschrijf het probleem").FillAsync("Nog meer zakken bij de fontein.");
        await page.GetByLabel("Foto's (niet verplicht, hoogstens 3)").SetInputFilesAsync(new FilePayload
        {
            Name = "afval.jpg",
            MimeType = "image/jpeg",
            Buffer = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9],
        });
        await page.GetByLabel("E-mailadres (niet verplicht)").FillAsync("an.peeters@example.com");
        await NoHorizontalOverflowAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Melding versturen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bedankt, uw melding is ontvangen" })).ToBeFocusedAsync();
        await Expect(page.GetByText("1 van 1 foto's toegevoegd.")).ToBeVisibleAsync();
        var reference = Regex.Match(await page.Locator(".report-done-reference").InnerTextAsync(), "WW-[0-9A-Z]{4}-[0-9A-Z]{4}").Value;
        Assert.Empty(await Axe.ViolationsAsync(page));
        await NoHorizontalOverflowAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Mijn melding volgen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Uw melding {reference}");
        await Expect(page.Locator("dd").First).ToHaveTextAsync("Doorgestuurd");
        await Expect(page.GetByText("Nog meer zakken bij de fontein.")).ToBeVisibleAsync();
        Assert.Empty(await Axe.ViolationsAsync(page));

        // The partner resolves the dossier; the resolution mail asks "is it fixed?".
        var partnerToken = Flows.Query(await _app.PartnerLinkFromMailAsync(dossierId), "token");
        Assert.True((await _app.CreateClient().PostAsJsonAsync($"/api/partner/dossiers/{dossierId}/resolve?token={Uri.EscapeDataString(partnerToken)}", new { note = "Opgeruimd." })).IsSuccessStatusCode);
        var mail = await Eventually.GetAsync(async () => (await _app.MailAsync($"{reference.ToLowerInvariant()}-resolved-0"))?.Body, "the resolution mail");
        await page.GotoAsync(new Uri(_server, CitizenReports.CitizenReportFlows.StatusLinkIn(mail).PathAndQuery).ToString());

        await Expect(page.Locator("dd").First).ToHaveTextAsync("Opgelost");
        await Expect(page.GetByText("Opgeruimd.")).ToBeVisibleAsync();
        Assert.Empty(await Axe.ViolationsAsync(page));
        await page.GetByLabel("Nee, het is niet opgelost").CheckAsync();
        await page.GetByLabel("Waarom niet?").SelectOptionAsync(new SelectOptionValue { Label = "Het probleem is terug" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Antwoord versturen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Bedankt. Uw melding is opnieuw in behandeling." })).ToBeFocusedAsync();
        await Expect(page.Locator("dd").First).ToHaveTextAsync("In behandeling");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Antwoord versturen" })).ToHaveCountAsync(0);
        Assert.Empty(await Axe.ViolationsAsync(page));
        await NoHorizontalOverflowAsync(page);
        Assert.Equal("in-progress", (await _app.DossierAsync(dossierId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ACoordinatorEntersALetterAndSeesTheOpenDossierNearbyAsAPossibleDuplicate()
    {
        var dossierId = await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "illegal-dumping", null, 50.8469, 4.3525));
        var context = await NewContextAsync();
        var signIn = await context.APIRequest.PostAsync(new Uri(_server, "/api/dev/signin").ToString(), new()
        {
            DataObject = new { userId = "coordinator-1", name = "Coördinatie", roles = new[] { "coordinator" } },
        });
        Assert.True(signIn.Ok, $"Signing in answered {signIn.Status}.");
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server, "/intake/").ToString());
        await Expect(page.GetByLabel("Wat is het probleem?").Locator("option", new() { HasText = "Sluikstorten" })).ToHaveCountAsync(1);
        Assert.Empty(await Axe.ViolationsAsync(page));

        await page.GetByLabel("Hoe kwam de melding binnen?").SelectOptionAsync(new SelectOptionValue { Label = "Brief" });
        await page.GetByLabel("Wat is het probleem?").SelectOptionAsync(new SelectOptionValue { Label = "Sluikstorten" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Kaart tonen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Het midden van de kaart kiezen" }).ClickAsync();
        await page.GetByLabel("Beschrijf het probleem").FillAsync("Brief van mevrouw Claes: afval aan de fontein.");
        await page.GetByLabel("E-mailadres van de melder (niet verplicht)").FillAsync("els.claes@example.com");
        await NoHorizontalOverflowAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Melding invoeren" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "De melding is ingevoerd" })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"Dossier {dossierId[..8]}" })).ToContainTextAsync("Doorgestuurd");
        Assert.Empty(await Axe.ViolationsAsync(page));
        var reference = Regex.Match(await page.Locator(".intake-done-reference").InnerTextAsync(), "WW-[0-9A-Z]{4}-[0-9A-Z]{4}").Value;
        await Eventually.GetAsync(async () => (await _app.MailAsync($"{reference.ToLowerInvariant()}-received"))?.Body, "the acknowledgement to the letter's writer");
    }

    private async Task<IPage> OpenAsync(Uri url)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        return page;
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await browser.NewContextAsync("nl-BE", 360, 740);
        _contexts.Add(context);
        await Axe.AddToAsync(context);
        return context;
    }

    private static async Task NoHorizontalOverflowAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways on a 360 px phone.");
}
