using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Wijkwacht.Tests.Bookings;

namespace Wijkwacht.Tests.Browser;

/// <summary>
/// The booking pages in a real browser on a phone-sized screen, as a citizen uses them: the wizard, the manage page
/// opened from the confirmation, and the officer's agenda, on the app served by real Kestrel with its real security
/// headers and the real bookings API. Elements are found by role and label, as assistive technology finds them, and
/// every state is checked with axe-core. Set WIJKWACHT_SCREENSHOTS to a folder to keep a screenshot of each state.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class BookingPageTests(AzuriteFixture azurite, BrowserFixture browser) : IAsyncLifetime
{
    private const string Officer = "officer-marc";
    private const int PhoneWidth = 360;

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
    public async Task ACitizenBooksTheOfficersFirstFreeOfficeTimeThenReschedulesAndCancelsItFromTheManageLink()
    {
        var (page, problems) = await OpenAsync("/booking/", "nl-BE");
        var posts = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posts.Add(request);
            }
        };
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Waar woont u?" })).ToBeVisibleAsync();
        await CheckAsync(page, "booking-address");

        var booked = await BookThroughTheWizardAsync(page);

        // The booking is held until the citizen proves the address with the code from the mail.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kijk in uw mailbox" })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Nog één stap: bevestig uw afspraak met de code uit de e-mail.");
        await Expect(page.GetByText("We stuurden een code van zes cijfers naar jan.peeters@example.com.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex("^Het tijdstip blijft tot \\d\\d:\\d\\d voor u vastgehouden"))).ToBeVisibleAsync();
        await CheckAsync(page, "booking-confirm");
        var code = await _app.CodeOfTheOnlyHoldAsync();
        await page.GetByLabel("Bevestigingscode").FillAsync(code == "000000" ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak bevestigen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Dit is niet de code uit de e-mail." })).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Bevestigingscode")).ToHaveAttributeAsync("aria-invalid", "true");
        await CheckAsync(page, "booking-confirm-wrong-code");
        await page.GetByLabel("Bevestigingscode").FillAsync(code[..3] + " " + code[3..]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak bevestigen" }).ClickAsync();

        var done = page.GetByRole(AriaRole.Heading, new() { Name = "Uw afspraak is vastgelegd" });
        await Expect(done).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Uw afspraak is vastgelegd.");
        await Expect(page.Locator(".booking-done-when")).ToHaveTextAsync(new Regex($"^{Regex.Escape(booked.Day.ToLowerInvariant())} \\d{{4}}, {booked.Time}–\\d\\d:\\d\\d \\(Brusselse tijd\\)$"));
        await Expect(Fact(page, "Plaats")).ToContainTextAsync("Wijkkantoor");
        await Expect(page.GetByText("We stuurden een bevestiging naar jan.peeters@example.com.")).ToBeVisibleAsync();
        var calendar = page.GetByRole(AriaRole.Link, new() { Name = "In mijn agenda zetten (.ics)" });
        await Expect(calendar).ToHaveAttributeAsync("href", new Regex(@"^/api/bookings/[0-9a-f-]{36}/calendar\.ics\?token="));
        await CheckAsync(page, "booking-done");

        var post = Assert.Single(posts, r => new Uri(r.Url).AbsolutePath == "/api/bookings");
        Assert.True(Guid.TryParse(await post.HeaderValueAsync("idempotency-key"), out _), "The booking is sent with a UUID as its Idempotency-Key.");
        var sent = JsonDocument.Parse(post.PostData!).RootElement;
        Assert.Equal(booked.Start, sent.GetProperty("start").GetString());
        Assert.Equal("nl", sent.GetProperty("language").GetString()); // preselected from the page's language

        // The calendar file comes from the signed link.
        var ics = await page.Context.APIRequest.GetAsync(new Uri(_server, await calendar.GetAttributeAsync("href")).ToString());
        Assert.True(ics.Ok, $"The .ics answered {ics.Status}.");
        Assert.StartsWith("text/calendar", ics.Headers["content-type"], StringComparison.Ordinal);

        // The manage link, as the citizen finds it in the confirmation.
        var manage = await page.GetByRole(AriaRole.Link, new() { Name = "Afspraak bekijken, verplaatsen of annuleren" }).GetAttributeAsync("href");
        Assert.StartsWith("/booking/manage/?booking=", manage, StringComparison.Ordinal);
        var requests = new List<IRequest>();
        page.Request += (_, request) => requests.Add(request);
        await page.GotoAsync(new Uri(_server, manage).ToString());

        await Expect(StatusBadge(page)).ToHaveTextAsync("Gepland");
        await Expect(Fact(page, "Wijkagent")).ToHaveTextAsync("Inspecteur Marc Willems");
        await Expect(Fact(page, "Soort afspraak")).ToHaveTextAsync("Bezoek aan het wijkkantoor");
        await Expect(Fact(page, "Uur")).ToContainTextAsync(booked.Time);
        await CheckAsync(page, "booking-manage");

        await page.GetByRole(AriaRole.Button, new() { Name = "Verplaatsen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Een ander tijdstip kiezen" })).ToBeFocusedAsync();
        await DayButtons(page).Last.ClickAsync();
        var newTime = TimeButtons(page).First;
        await Expect(newTime).ToBeFocusedAsync();
        var newStart = await newTime.GetAttributeAsync("value");
        var newClock = await newTime.Locator(".time-picker-start").InnerTextAsync();
        Assert.NotEqual(booked.Start, newStart);
        await CheckAsync(page, "booking-manage-reschedule");
        await newTime.ClickAsync();

        // Choosing a time only shows it: moving needs a yes.
        var yes = page.GetByRole(AriaRole.Button, new() { Name = "Ja, verplaatsen" });
        await Expect(yes).ToBeFocusedAsync();
        await Expect(page.Locator(".booking-manage-move-question")).ToContainTextAsync(newClock);
        await Expect(page.Locator(".booking-manage-move-question")).ToHaveTextAsync(new Regex("^Verplaatsen naar .+\\?$"));
        Assert.DoesNotContain(requests, r => r.Method == "POST" && r.Url.Contains("/reschedule?", StringComparison.Ordinal));
        await CheckAsync(page, "booking-manage-move-question");
        await yes.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Uw afspraak is verplaatst naar" })).ToBeFocusedAsync();
        await Expect(Fact(page, "Uur")).ToContainTextAsync(newClock);
        await Expect(StatusBadge(page)).ToHaveTextAsync("Gepland");
        await CheckAsync(page, "booking-manage-rescheduled");

        await page.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Afspraak annuleren?" })).ToBeFocusedAsync();
        await CheckAsync(page, "booking-manage-cancel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, afspraak annuleren" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Uw afspraak is geannuleerd." })).ToBeFocusedAsync();
        await Expect(StatusBadge(page)).ToHaveTextAsync("Geannuleerd");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verplaatsen" })).ToBeHiddenAsync();
        await Expect(page.GetByText("Deze afspraak is geannuleerd. U hoeft niets meer te doen.")).ToBeVisibleAsync();
        await CheckAsync(page, "booking-manage-cancelled");

        // Exactly one booking was made, moved once and cancelled, as the officer's agenda says.
        var agenda = await _app.ClientAs(Officer, "officer").GetFromJsonAsync<JsonElement>("/api/officers/me/agenda");
        var appointment = Assert.Single(agenda.GetProperty("appointments").EnumerateArray());
        Assert.Equal("cancelled", appointment.GetProperty("status").GetString());
        Assert.Equal(DateTimeOffset.Parse(newStart!), appointment.GetProperty("start").GetDateTimeOffset());
        Assert.Equal("Jan Peeters", appointment.GetProperty("name").GetString());

        // The token is the citizen's key: nothing leaves the manage page with it in a Referer, nor in an image.
        var token = Uri.UnescapeDataString(Regex.Match(manage!, "token=([^&]+)").Groups[1].Value);
        Assert.Contains(requests, r => r.Method == "POST" && r.Url.Contains("/reschedule?", StringComparison.Ordinal));
        foreach (var request in requests)
        {
            var referer = await request.HeaderValueAsync("referer");
            Assert.True(string.IsNullOrEmpty(referer), $"{request.Method} {request.Url} went with Referer '{referer}'."); // the preload scanner's requests show an empty one
            Assert.StartsWith(_server.GetLeftPart(UriPartial.Authority), request.Url, StringComparison.Ordinal);
        }

        var images = await page.EvaluateAsync<string[]>("() => [...document.images].map((i) => i.src)");
        Assert.DoesNotContain(images, src => src.Contains(Uri.EscapeDataString(token), StringComparison.Ordinal));
        Assert.All(problems, problem => Assert.Contains("status of 400", problem, StringComparison.Ordinal)); // the browser reports the wrong code, nothing else
    }

    [Fact]
    public async Task ATimeTakenWhileTheCitizenTypesOffersTheNextFreeTimesAsButtons()
    {
        var (page, problems) = await OpenAsync("/booking/", "nl-BE");
        await page.GetByLabel("Straat en huisnummer").FillAsync("Nieuwstraat 12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoek mijn wijkagent" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Bezoek aan het wijkkantoor" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await DayButtons(page).First.ClickAsync();
        var start = await TimeButtons(page).First.GetAttributeAsync("value");
        await TimeButtons(page).First.ClickAsync();
        await FillDetailsAsync(page);

        // Someone else takes the same time first.
        var other = await _app.CreateClient().PostAsJsonAsync("/api/bookings", new
        {
            officerId = Officer, type = "office", start, name = "Els Claes", email = "els@example.com", language = "nl", subject = "Fietsdiefstal",
        });
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        await _app.ConfirmAsync(await other.JsonAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak aanvragen" }).ClickAsync();

        var taken = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Dit tijdstip werd net door iemand anders gekozen." });
        await Expect(taken).ToBeFocusedAsync();
        var alternatives = taken.GetByRole(AriaRole.Listitem).GetByRole(AriaRole.Button);
        await Expect(alternatives.First).ToBeVisibleAsync();
        await CheckAsync(page, "booking-taken");

        await alternatives.First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Afspraak aanvragen" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak aanvragen" }).ClickAsync();
        await ConfirmInThePageAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uw afspraak is vastgelegd" })).ToBeFocusedAsync();
        var agenda = await _app.ClientAs(Officer, "officer").GetFromJsonAsync<JsonElement>("/api/officers/me/agenda");
        Assert.Equal(["Els Claes", "Jan Peeters"], agenda.GetProperty("appointments").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.All(problems, problem => Assert.Contains("409", problem, StringComparison.Ordinal)); // the browser reports the refused booking, nothing else
    }

    [Fact]
    public async Task ABookingWhoseAnswerIsLostIsMadeOnceWhenTheCitizenSubmitsAgain()
    {
        var (page, problems) = await OpenAsync("/booking/", "nl-BE");
        var keys = new List<string?>();
        var lose = true;
        await page.RouteAsync("**/api/bookings", async route =>
        {
            keys.Add(await route.Request.HeaderValueAsync("idempotency-key"));
            if (lose)
            {
                lose = false;
                await route.FetchAsync(); // the server books it; its answer never reaches the page
                await route.AbortAsync("connectionreset");
                return;
            }

            await route.ContinueAsync();
        });
        await page.GetByLabel("Straat en huisnummer").FillAsync("Nieuwstraat 12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoek mijn wijkagent" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Bezoek aan het wijkkantoor" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await DayButtons(page).First.ClickAsync();
        await TimeButtons(page).First.ClickAsync();
        await FillDetailsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak aanvragen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Geen verbinding met de server." })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak aanvragen" }).ClickAsync();
        await ConfirmInThePageAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uw afspraak is vastgelegd" })).ToBeFocusedAsync();
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        var agenda = await _app.ClientAs(Officer, "officer").GetFromJsonAsync<JsonElement>("/api/officers/me/agenda");
        Assert.Single(agenda.GetProperty("appointments").EnumerateArray());
        Assert.All(problems, problem => Assert.Contains("ERR_CONNECTION_RESET", problem, StringComparison.Ordinal)); // the browser reports the lost answer, nothing else
    }

    [Fact]
    public async Task TheOfficerSeesTheAppointmentWithTheCitizensDetailsInTheirAgenda()
    {
        var slots = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/officers/{Officer}/slots?type=home");
        var start = slots.GetProperty("slots").EnumerateArray().First().GetProperty("start").GetString();
        var booked = await _app.CreateClient().PostAsJsonAsync("/api/bookings", new
        {
            officerId = Officer, type = "home", start, name = "Marie Dubois", email = "marie.dubois@example.com", phone = "+32 470 99 88 77", language = "fr",
            subject = "Dépôts clandestins devant ma porte", address = "Rue Neuve 30, 1000 Bruxelles",
        });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        await _app.ConfirmAsync(await booked.JsonAsync());

        var context = await NewContextAsync("nl-BE");
        var signIn = await context.APIRequest.PostAsync(new Uri(_server, "/api/dev/signin").ToString(), new()
        {
            DataObject = new { userId = Officer, name = "Inspecteur Marc Willems", roles = new[] { "officer" } },
        });
        Assert.True(signIn.Ok, $"Signing in answered {signIn.Status}.");
        var (page, problems) = await OpenInAsync(context, "/officer/");

        await Expect(page.GetByText("Inspecteur Marc Willems · vandaag en de komende 30 dagen")).ToBeVisibleAsync();
        var appointment = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Marie Dubois" });
        await Expect(appointment.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("Huisbezoek");
        await Expect(appointment).ToContainTextAsync("Gepland");
        await Expect(appointment).ToContainTextAsync("Frans");
        await Expect(appointment).ToContainTextAsync("Dépôts clandestins devant ma porte");
        await Expect(appointment).ToContainTextAsync("Rue Neuve 30, 1000 Bruxelles");
        await Expect(appointment.GetByRole(AriaRole.Link, new() { Name = "+32 470 99 88 77" })).ToHaveAttributeAsync("href", "tel:+32470998877");
        await Expect(appointment.GetByRole(AriaRole.Button, new() { Name = "Afgerond" })).ToHaveCountAsync(0); // it has not started yet
        await CheckAsync(page, "officer-agenda");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task WithoutSignInTheAgendaSaysWhereToSignIn()
    {
        var (page, _) = await OpenAsync("/officer/", "fr-BE");

        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Vous n'êtes pas connecté." });
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert.GetByRole(AriaRole.Link, new() { Name = "Se connecter" })).ToHaveAttributeAsync("href", "/signin/");
        Assert.Empty(await Axe.ViolationsAsync(page));
    }

    [Fact]
    public async Task AHeldBookingShowsTheCodeFormOnItsPageAndTheLinkInTheMailConfirmsIt()
    {
        var slots = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/officers/{Officer}/slots?type=office");
        var start = slots.GetProperty("slots")[2].GetProperty("start").GetDateTimeOffset();
        var held = await _app.HoldAsync(start, request: BookingFlows.Request(start, email: "lotte@example.com"));
        var manage = new Uri(held.GetProperty("manageUrl").GetString()!).PathAndQuery;
        var (page, problems) = await OpenAsync(manage, "nl-BE");

        await Expect(StatusBadge(page)).ToHaveTextAsync("Wacht op uw bevestiging");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bevestig uw afspraak" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verplaatsen" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "In mijn agenda zetten (.ics)" })).ToBeHiddenAsync();
        await CheckAsync(page, "booking-manage-held");

        var (_, link, _) = await _app.ConfirmationMailAsync(held.GetProperty("id").GetString()!);
        await page.GotoAsync(new Uri(_server, link.PathAndQuery).ToString());

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Uw afspraak is bevestigd." })).ToBeFocusedAsync();
        await Expect(StatusBadge(page)).ToHaveTextAsync("Gepland");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bevestig uw afspraak" })).ToBeHiddenAsync();
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal); // the code leaves the address bar and the history
        await CheckAsync(page, "booking-manage-confirmed");
        var agenda = await _app.ClientAs(Officer, "officer").GetFromJsonAsync<JsonElement>("/api/officers/me/agenda");
        Assert.Equal("booked", Assert.Single(agenda.GetProperty("appointments").EnumerateArray()).GetProperty("status").GetString());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task ANewTimeTakenBeforeTheCitizenSaysYesIsClearedAndCannotBeConfirmedUntilAnotherIsChosen()
    {
        var slots = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/officers/{Officer}/slots?type=office");
        var start = slots.GetProperty("slots")[0].GetProperty("start").GetDateTimeOffset();
        var booking = await _app.BookAsync(start);
        var (page, problems) = await OpenAsync(new Uri(booking.GetProperty("manageUrl").GetString()!).PathAndQuery, "nl-BE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verplaatsen" }).ClickAsync();
        await DayButtons(page).First.ClickAsync();
        var chosen = TimeButtons(page).First;
        var chosenStart = await chosen.GetAttributeAsync("value");
        await chosen.ClickAsync();
        var yes = page.GetByRole(AriaRole.Button, new() { Name = "Ja, verplaatsen" });
        await Expect(yes).ToBeFocusedAsync();

        // Someone else takes that time while the citizen reads the question.
        Assert.Equal(HttpStatusCode.Created, (await _app.CreateClient().PostAsJsonAsync("/api/bookings",
            BookingFlows.Request(DateTimeOffset.Parse(chosenStart!, System.Globalization.CultureInfo.InvariantCulture), email: "els@example.com"))).StatusCode);
        await yes.ClickAsync();

        var taken = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Dit tijdstip werd net door iemand anders gekozen." });
        await Expect(taken).ToBeFocusedAsync();
        await Expect(page.Locator(".booking-manage-move-question")).ToHaveTextAsync("Kies hierboven een nieuw tijdstip.");
        await Expect(yes).ToBeDisabledAsync();
        await CheckAsync(page, "booking-manage-taken");

        await taken.GetByRole(AriaRole.Button).First.ClickAsync();
        await Expect(yes).ToBeEnabledAsync();
        await Expect(yes).ToBeFocusedAsync();
        await yes.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Uw afspraak is verplaatst naar" })).ToBeFocusedAsync();
        Assert.All(problems, problem => Assert.Contains("409", problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedManageLinkSaysInTheReadersLanguageThatItCannotBeUsed()
    {
        var (page, _) = await OpenAsync($"/booking/manage/?booking={Guid.NewGuid()}&token=forged", "en-GB");

        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "This link cannot be used." });
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert.GetByRole(AriaRole.Link, new() { Name = "Make a new appointment" })).ToHaveAttributeAsync("href", "/booking/");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Move" })).ToHaveCountAsync(0);
        await CheckAsync(page, "booking-manage-refused");
    }

    private sealed record Booked(string Start, string Day, string Time);

    /// <summary>Address → office visit → first day → first time → details → confirm; what was chosen.</summary>
    private static async Task<Booked> BookThroughTheWizardAsync(IPage page)
    {
        await page.GetByLabel("Straat en huisnummer").FillAsync("Nieuwstraat 12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoek mijn wijkagent" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wat voor afspraak wilt u?" })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new Regex("^Stap 2 van \\d: Wat voor afspraak wilt u\\?$"));
        await Expect(page.GetByText("Uw wijkagent is Inspecteur Marc Willems", new() { Exact = false })).ToBeVisibleAsync();
        var office = page.GetByRole(AriaRole.Group, new() { Name = "Soort afspraak" }).GetByRole(AriaRole.Radio, new() { Name = "Bezoek aan het wijkkantoor" });
        await office.CheckAsync();
        await CheckAsync(page, "booking-type");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kies een dag" })).ToBeFocusedAsync();
        var day = DayButtons(page).First;
        await Expect(day).ToBeVisibleAsync();
        await CheckAsync(page, "booking-day");
        var dayName = await day.Locator(".day-picker-day").InnerTextAsync();
        await day.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kies een tijdstip" })).ToBeFocusedAsync();
        var time = TimeButtons(page).First;
        var start = await time.GetAttributeAsync("value") ?? "";
        var clock = await time.Locator(".time-picker-start").InnerTextAsync();
        await CheckAsync(page, "booking-time");
        await time.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uw gegevens" })).ToBeFocusedAsync();
        await Expect(page.GetByLabel("In welke taal wilt u geholpen worden?")).ToHaveValueAsync("nl");
        await Expect(page.GetByLabel("Adres voor het huisbezoek")).ToBeHiddenAsync();
        // Nothing filled in: the problems appear at their fields.
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak aanvragen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Controleer de gemarkeerde velden." })).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Naam")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("E-mailadres")).ToHaveAccessibleDescriptionAsync(new Regex("Vul uw e-mailadres in: u bevestigt de afspraak met de code"));
        await CheckAsync(page, "booking-details-invalid");

        // A step back keeps what was chosen.
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorige stap" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kies een tijdstip" })).ToBeFocusedAsync();
        await Expect(TimeButtons(page).First).ToHaveAttributeAsync("aria-pressed", "true");
        await TimeButtons(page).First.ClickAsync();

        await FillDetailsAsync(page);
        await CheckAsync(page, "booking-details");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak aanvragen" }).ClickAsync();
        return new Booked(start, dayName, clock);
    }

    /// <summary>The code in the newest confirmation mail of the development outbox, as the citizen reads it.</summary>
    /// <summary>On the "check your mail" step: types the code from the mail and confirms.</summary>
    private async Task ConfirmInThePageAsync(IPage page)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kijk in uw mailbox" })).ToBeFocusedAsync();
        await page.GetByLabel("Bevestigingscode").FillAsync(await _app.CodeOfTheOnlyHoldAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak bevestigen" }).ClickAsync();
    }

    private static async Task FillDetailsAsync(IPage page)
    {
        await page.GetByLabel("Naam").FillAsync("Jan Peeters");
        await page.GetByLabel("E-mailadres").FillAsync("jan.peeters@example.com");
        await page.GetByLabel("Telefoonnummer").FillAsync("+32 470 12 34 56");
        await page.GetByLabel("Waarover gaat het?").FillAsync("Geluidsoverlast van de buren, elke nacht.");
    }

    private static ILocator DayButtons(IPage page) => page.GetByRole(AriaRole.Group, new() { Name = "Dagen met vrije tijdstippen in de komende 14 dagen" }).GetByRole(AriaRole.Button);

    private static ILocator TimeButtons(IPage page) => page.Locator("fieldset.time-picker").GetByRole(AriaRole.Button);

    /// <summary>The value beside a term of the appointment's facts.</summary>
    private static ILocator Fact(IPage page, string term) => page.Locator(".booking-fact:visible").Filter(new() { Has = page.GetByRole(AriaRole.Term).GetByText(term, new() { Exact = true }) }).GetByRole(AriaRole.Definition);

    private static ILocator StatusBadge(IPage page) => page.Locator(".booking-manage-facts .booking-status");

    /// <summary>axe-core finds nothing, the phone-sized page does not scroll sideways, and (when asked) a screenshot is kept.</summary>
    private static async Task CheckAsync(IPage page, string state)
    {
        Assert.Empty(await Axe.ViolationsAsync(page));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{state} scrolls sideways at {PhoneWidth} px.");
        if (Environment.GetEnvironmentVariable("WIJKWACHT_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{state}.png"), FullPage = true });
        }
    }

    /// <summary>A new phone-sized private window, with axe ready, on the page; also what must never happen there.</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenAsync(string path, string locale) => await OpenInAsync(await NewContextAsync(locale), path);

    private async Task<IBrowserContext> NewContextAsync(string locale)
    {
        var context = await browser.NewContextAsync(locale, PhoneWidth, 780);
        _contexts.Add(context);
        await Axe.AddToAsync(context);
        return context;
    }

    /// <summary>Problems: script errors, console errors (CSP violations among them).</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenInAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(_server, path).ToString());
        return (page, problems);
    }
}
