using Wijkwacht.Tests.Bookings;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wijkwacht.Tests.Browser;

/// <summary>
/// The officer's agenda on a phone: the first day with work unfolded, later days folded under their heading, and
/// cancelled appointments apart, so they never read as part of the day's work.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class OfficerAgendaTests(AzuriteFixture azurite, BrowserFixture browser) : IAsyncLifetime
{
    private const string Officer = "officer-marc";
    private readonly WijkwachtApp _app = new(azurite);
    private IBrowserContext? _context;
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
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task TheFirstDayIsUnfoldedLaterDaysFoldedAndCancelledAppointmentsApart()
    {
        // Two appointments on the first day with free times (one then cancelled), one on a later day.
        var slots = (await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/officers/{Officer}/slots?type=phone"))
            .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
        var firstDay = slots[0].Date;
        var sameDay = slots.Where(s => s.Date == firstDay).ToList();
        var laterDay = slots.First(s => s.Date > firstDay.AddDays(1));
        await BookAsync(sameDay[0], "Anna Janssens");
        var cancelled = await BookAsync(sameDay[^1], "Bruno Lambert");
        await BookAsync(laterDay, "Chloé Martin");
        var (id, token) = Bookings.BookingFlows.Link(cancelled);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{id}/cancel?token={Uri.EscapeDataString(token)}", new { })).StatusCode);

        _context = await browser.NewContextAsync("nl-BE", 360, 740);
        await Axe.AddToAsync(_context);
        var signIn = await _context.APIRequest.PostAsync(new Uri(_server, "/api/dev/signin").ToString(), new()
        {
            DataObject = new { userId = Officer, name = "Inspecteur Marc Willems", roles = new[] { "officer" } },
        });
        Assert.True(signIn.Ok, $"Signing in answered {signIn.Status}.");
        var page = await _context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync(new Uri(_server, "/officer/").ToString());

        var anna = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Anna Janssens" });
        var bruno = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Bruno Lambert" });
        var chloe = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Chloé Martin" });
        await Expect(anna).ToBeVisibleAsync();
        await Expect(page.GetByText("1 afspraak · 1 geannuleerd")).ToBeVisibleAsync();
        await Expect(bruno).ToBeHiddenAsync();
        await Expect(chloe).ToBeHiddenAsync();
        Assert.Equal(2, await page.Locator(".officer-day").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The agenda scrolls sideways at 360 px.");
        Assert.Empty(await Axe.ViolationsAsync(page));

        // The cancellation is there, apart, for who wants to see it.
        var apart = page.GetByText("1 geannuleerde afspraak");
        await apart.ClickAsync();
        await Expect(bruno).ToBeVisibleAsync();
        await Expect(bruno).ToContainTextAsync("Geannuleerd");

        // A later day unfolds from its heading, by keyboard too, and stays so when the agenda is drawn again.
        var later = page.Locator(".officer-day").Nth(1).Locator("summary").First;
        await later.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(chloe).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Taal" }).GetByRole(AriaRole.Button, new() { Name = "FR Français" }).ClickAsync();
        await Expect(page.GetByText("1 rendez-vous · 1 annulé")).ToBeVisibleAsync();
        await Expect(chloe).ToBeVisibleAsync();
        Assert.Empty(await Axe.ViolationsAsync(page));
        Assert.Empty(problems);
    }

    private async Task<JsonElement> BookAsync(DateTimeOffset start, string name)
    {
        var request = Bookings.BookingFlows.Request(start, "phone", Officer, email: $"{Guid.NewGuid():N}@example.com");
        request["name"] = name;
        request["phone"] = "+32 470 11 22 33";
        request["subject"] = "Geluidsoverlast";
        return await _app.ConfirmAsync(await _app.HoldAsync(start, "phone", request));
    }
}
