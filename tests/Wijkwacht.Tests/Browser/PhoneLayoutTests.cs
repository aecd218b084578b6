using Microsoft.Playwright;
using Wijkwacht.Tests.Bookings;
using static Microsoft.Playwright.Assertions;

namespace Wijkwacht.Tests.Browser;

/// <summary>
/// Every page on a 360 px phone with the longest values every text field allows, written without a space (a
/// pasted link, a long street name): long words wrap, nothing makes the page scroll sideways or hides a button
/// off screen. Each page is checked with its fields filled and with the values shown back (lists, facts,
/// history), and with axe-core.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class PhoneLayoutTests(AzuriteFixture azurite, BrowserFixture browser) : IAsyncLifetime
{
    private const int Width = 360;
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

    /// <summary>A value of the given length without a space, so nothing but the page's own wrapping can break it.</summary>
    private static string Long(int length, string seed = "Overlastmeldingsdossierbehandelingsprocedure") =>
        string.Concat(Enumerable.Repeat(seed, (length / seed.Length) + 1))[..length];

    [Fact]
    public async Task TheWardenPageFitsAPhoneWithTheLongestAddressAndDescription()
    {
        var page = await OpenAsync("/warden/", "nl-BE", ("warden-long", "warden"));
        await page.GetByRole(AriaRole.Radio, new() { Name = "Sluikstorten" }).CheckAsync();
        await page.GetByLabel("Beschrijving (niet verplicht)").FillAsync(Long(2000));
        await page.GetByLabel("Adres (niet verplicht)").FillAsync(Long(200, "Koningin-Elisabethlaan"));
        var gas = page.GetByRole(AriaRole.Checkbox, new() { Name = "Gegevens voor een GAS-boete toevoegen" });
        if (await gas.IsVisibleAsync())
        {
            await gas.CheckAsync();
            await page.GetByLabel("Artikel van het reglement (niet verplicht)").FillAsync(Long(50, "Artikel"));
            await page.GetByRole(AriaRole.Group, new() { Name = "Is de overtreder geïdentificeerd?" }).GetByRole(AriaRole.Radio, new() { Name = "Nee" }).CheckAsync();
            await page.GetByLabel("Opmerkingen voor de sanctionerend ambtenaar (niet verplicht)").FillAsync(Long(2000));
        }

        await AssertFitsAsync(page, "warden form, filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vaststelling bewaren" }).ClickAsync();

        var item = page.GetByRole(AriaRole.Region, new() { Name = "Mijn recente vaststellingen" }).GetByRole(AriaRole.Listitem).First;
        await Expect(item).ToContainTextAsync("Verstuurd", new() { Timeout = 30_000 });
        await Expect(item).ToContainTextAsync(Long(200, "Koningin-Elisabethlaan")[..40]);
        await AssertFitsAsync(page, "warden list");
    }

    [Fact]
    public async Task TheBookingPagesAndTheOfficersAgendaFitAPhoneWithTheLongestDetails()
    {
        var page = await OpenAsync("/booking/", "nl-BE");
        await page.GetByLabel("Straat en huisnummer").FillAsync(Long(200, "Onbekendestraat"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoek mijn wijkagent" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await AssertFitsAsync(page, "booking address not found");

        await page.GetByLabel("Straat en huisnummer").FillAsync("Nieuwstraat 12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoek mijn wijkagent" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Huisbezoek", Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        var day = page.Locator(".day-picker-option").First;
        await day.ClickAsync();
        await page.Locator(".time-picker-option").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uw gegevens" })).ToBeFocusedAsync();

        var name = Long(100, "Wolfeschlegelsteinhausenbergerdorff");
        await page.GetByLabel("Naam").FillAsync(name);
        await page.GetByLabel("E-mailadres").FillAsync(Long(242, "jan.peeters.") + "@example.com");
        await page.GetByLabel("Telefoonnummer").FillAsync("+32 470 12 34 56 78 90 12 34 5");
        await page.GetByLabel("Waarover gaat het?").FillAsync(Long(500));
        await page.GetByLabel("Adres voor het huisbezoek").FillAsync(Long(200, "Koningin-Elisabethlaan"));
        await AssertFitsAsync(page, "booking details, filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak aanvragen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kijk in uw mailbox" })).ToBeFocusedAsync();
        await AssertFitsAsync(page, "booking, check your mail");
        await page.GetByLabel("Bevestigingscode").FillAsync(await _app.CodeOfTheOnlyHoldAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak bevestigen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uw afspraak is vastgelegd" })).ToBeFocusedAsync();
        await AssertFitsAsync(page, "booking done");
        var manage = await page.GetByRole(AriaRole.Link, new() { Name = "Afspraak bekijken, verplaatsen of annuleren" }).GetAttributeAsync("href");
        await page.GotoAsync(new Uri(_server, new Uri(new Uri("http://x"), manage!).PathAndQuery).ToString());
        await Expect(page.Locator(".booking-manage-facts")).ToContainTextAsync(Long(200, "Koningin-Elisabethlaan")[..60]);
        await AssertFitsAsync(page, "booking manage");

        var agenda = await OpenAsync("/officer/", "nl-BE", ("officer-marc", "officer"));
        await Expect(agenda.GetByRole(AriaRole.Listitem).Filter(new() { HasText = name })).ToBeVisibleAsync();
        await AssertFitsAsync(agenda, "officer agenda");
    }

    [Fact]
    public async Task ThePartnerPageFitsAPhoneWithTheLongestObservationAndNote()
    {
        var observation = Requests.Observation(Guid.NewGuid());
        observation["description"] = Long(2000);
        observation["address"] = Long(200, "Koningin-Elisabethlaan");
        var dossierId = await _app.RecordAndForwardAsync(observation);
        var link = await _app.PartnerLinkFromMailAsync(dossierId);
        var page = await OpenAsync(link.PathAndQuery, "nl-BE");
        await Expect(page.GetByText(Long(2000)[..30], new() { Exact = false })).ToBeVisibleAsync();
        await page.Locator("form[data-action=resolve] textarea[name=note]").FillAsync(Long(2000));
        await AssertFitsAsync(page, "partner page, filled");

        await page.GetByRole(AriaRole.Button, new() { Name = "Opgelost melden" }).ClickAsync();
        await Expect(page.Locator(".partner-status")).ToHaveTextAsync("Opgelost");
        await AssertFitsAsync(page, "partner page, resolved with the note in its history");
    }

    [Fact]
    public async Task TheStartSignInAndOutboxPagesFitAPhone()
    {
        var page = await OpenAsync("/", "en-GB");
        await AssertFitsAsync(page, "start page");

        await page.GotoAsync(new Uri(_server, "/signin/").ToString());
        await page.GetByLabel("User id", new() { Exact = false }).FillAsync(Long(100, "warden."));
        await AssertFitsAsync(page, "sign-in page, filled");

        await _app.RecordAndForwardAsync(Guid.NewGuid());
        await page.GotoAsync(new Uri(_server, "/dev/outbox/").ToString());
        await Expect(page.GetByText("Sluikstorten", new() { Exact = false }).First).ToBeVisibleAsync();
        await AssertFitsAsync(page, "outbox");
    }

    /// <summary>
    /// No sideways scrolling, no element past the right edge (naming the ones that are; a wide table inside its own
    /// scrolling box is fine), and no axe violation.
    /// </summary>
    private static async Task AssertFitsAsync(IPage page, string state)
    {
        var outside = await page.EvaluateAsync<string[]>(
            """
            () => [...document.body.querySelectorAll('*')]
              .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.leaflet-container'))
              .filter((e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) { if (getComputedStyle(a).overflowX !== 'visible') return false; } return true; })
              .slice(0, 5)
              .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`)
            """);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= Width && outside.Length == 0, $"{state}: the page is {scrollWidth} px wide at {Width} px; past the edge: {string.Join(", ", outside)}");
        Assert.Empty(await Axe.ViolationsAsync(page));
    }

    /// <summary>A 360 px phone window, signed in with the development sign-in when a role is given, on the page.</summary>
    private async Task<IPage> OpenAsync(string path, string locale, (string UserId, string Role)? signedIn = null)
    {
        var context = await browser.NewContextAsync(locale, Width, 740);
        _contexts.Add(context);
        await Axe.AddToAsync(context);
        await context.GrantPermissionsAsync(["geolocation"], new() { Origin = _server.GetLeftPart(UriPartial.Authority) });
        await context.SetGeolocationAsync(new Geolocation { Latitude = 50.8466f, Longitude = 4.3528f, Accuracy = 12 });
        if (signedIn is { } user)
        {
            var signIn = await context.APIRequest.PostAsync(new Uri(_server, "/api/dev/signin").ToString(), new()
            {
                DataObject = new { userId = user.UserId, name = Long(100, "Wolfeschlegelsteinhausenbergerdorff"), roles = new[] { user.Role } },
            });
            Assert.True(signIn.Ok, $"Signing in answered {signIn.Status}.");
        }

        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server, path).ToString());
        return page;
    }
}
