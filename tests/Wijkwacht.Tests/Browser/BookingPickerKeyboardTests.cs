using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wijkwacht.Tests.Browser;

/// <summary>
/// The booking's day and time pickers with the keyboard alone: each is one Tab stop, the arrow keys move between
/// the options (up and down a row of the time grid), Home and End go to the first and last, Enter picks.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class BookingPickerKeyboardTests(AzuriteFixture azurite, BrowserFixture browser) : IAsyncLifetime
{
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
    public async Task TheDayAndTimePickersAreOneTabStopEachAndMoveWithTheArrowKeys()
    {
        _context = await browser.NewContextAsync("nl-BE", 360, 780);
        await Axe.AddToAsync(_context);
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(_server, "/booking/").ToString());
        await page.GetByLabel("Straat en huisnummer").FillAsync("Nieuwstraat 12");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wat voor afspraak wilt u?" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Telefoongesprek" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kies een dag" })).ToBeFocusedAsync();

        var days = page.GetByRole(AriaRole.Group, new() { Name = "Dagen met vrije tijdstippen in de komende 14 dagen" }).GetByRole(AriaRole.Button);
        await Expect(days.First).ToBeVisibleAsync();
        var dayCount = await days.CountAsync();
        Assert.True(dayCount >= 3, $"Only {dayCount} days have free times.");
        Assert.Equal(1, await TabStopsAsync(page, ".day-picker-option"));

        await page.Keyboard.PressAsync("Tab");
        await Expect(days.First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(days.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(days.Last).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(days.First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(days.Nth(1)).ToBeFocusedAsync();
        // Tab leaves the days at once, whichever day has focus; Shift+Tab comes back to the same day.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Vorige stap" }).And(page.Locator(":visible"))).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(days.Nth(1)).ToBeFocusedAsync();
        Assert.Empty(await Axe.ViolationsAsync(page));

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kies een tijdstip" })).ToBeFocusedAsync();
        var times = page.Locator("fieldset.time-picker").GetByRole(AriaRole.Button);
        await Expect(times.First).ToBeVisibleAsync();
        Assert.True(await times.CountAsync() >= 6, "Too few free times to walk the grid.");
        Assert.Equal(1, await TabStopsAsync(page, ".time-picker-option"));
        var columns = await page.EvaluateAsync<int>(
            "() => { const o = [...document.querySelectorAll('.time-picker-option')]; const top = o[0].getBoundingClientRect().top; return o.filter((b) => b.getBoundingClientRect().top === top).length; }");
        Assert.True(columns > 1, "The times are laid out in one column at 360 px.");

        await page.Keyboard.PressAsync("Tab");
        await Expect(times.First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(times.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(times.Nth(1 + columns)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(times.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(times.Last).ToBeFocusedAsync();
        var clock = await times.Nth(1).Locator(".time-picker-start").InnerTextAsync();
        await page.Keyboard.PressAsync("Home");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync(" ");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uw gegevens" })).ToBeFocusedAsync();
        await Expect(page.Locator(".booking-details-summary")).ToContainTextAsync(clock);
        Assert.Empty(await Axe.ViolationsAsync(page));
    }

    /// <summary>How many of the options the Tab key stops at.</summary>
    private static Task<int> TabStopsAsync(IPage page, string selector) =>
        page.EvaluateAsync<int>($"() => [...document.querySelectorAll('{selector}')].filter((o) => o.tabIndex >= 0).length");
}
