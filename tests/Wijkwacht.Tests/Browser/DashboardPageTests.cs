using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wijkwacht.Tests.Browser;

/// <summary>
/// The coordinators' dashboard in a real browser, on a laptop and on a phone: filters change the figures, the
/// map's colours and the chart; a neighbourhood opens its barometer; axe-core finds nothing in any state.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class DashboardPageTests(AzuriteFixture azurite, BrowserFixture browser) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);
    private readonly List<IBrowserContext> _contexts = [];
    private Uri _server = null!;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        _server = _app.ClientOptions.BaseAddress;
        SetDefaultExpectTimeout(15_000);
        var now = DateTimeOffset.UtcNow;
        // Two dumpings in the centre and a noise complaint in Laken, observed a few minutes ago.
        await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "illegal-dumping", now, 50.8476, 4.3541));
        await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "illegal-dumping", now, 50.8490, 4.3520));
        await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "noise", now, 50.8886, 4.3600));
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
    [InlineData(1280)]
    [InlineData(360)]
    public async Task ACoordinatorFiltersTheDashboardAndSeesFiguresMapAndChartChange(int width)
    {
        var (page, problems) = await OpenAsCoordinatorAsync(width);
        var observations = page.Locator("[data-figure=observations] .dashboard-figure-value");
        var map = page.Locator(".dashboard-map");
        var chart = page.Locator(".dashboard-chart canvas");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dashboard van de stad");
        await Expect(observations).ToHaveTextAsync("3");
        await Expect(map).ToHaveAttributeAsync("data-max", "2");
        await Expect(chart).ToHaveAttributeAsync("data-points", "3");
        await Expect(page.Locator(".dashboard-map path[data-step='5']")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Per partnerdienst in de periode; klik op een kolomkop om te sorteren" })).ToBeVisibleAsync();
        Assert.Empty(await Axe.ViolationsAsync(page));
        Assert.True(await NoHorizontalOverflowAsync(page), "The page scrolls sideways.");

        await page.GetByLabel("Categorie").SelectOptionAsync(new SelectOptionValue { Label = "Geluidsoverlast" });

        await Expect(observations).ToHaveTextAsync("1");
        await Expect(map).ToHaveAttributeAsync("data-max", "1");
        await Expect(chart).ToHaveAttributeAsync("data-points", "1");

        await page.GetByLabel("Categorie").SelectOptionAsync(new SelectOptionValue { Label = "Alle" });
        await page.GetByLabel("Periode").SelectOptionAsync("last-month");
        await Expect(observations).ToHaveTextAsync("0");
        await Expect(map).ToHaveAttributeAsync("data-max", "0");

        await page.GetByLabel("Periode").SelectOptionAsync("this-month");
        await page.GetByRole(AriaRole.Button, new() { Name = "Centrum – Grote Markt" }).ClickAsync();
        var barometer = page.GetByRole(AriaRole.Region, new() { Name = "Wijkbarometer: Centrum – Grote Markt" });
        await Expect(barometer).ToBeFocusedAsync();
        await Expect(barometer.GetByRole(AriaRole.Row, new() { Name = "Sluikstorten 2" })).ToBeVisibleAsync();
        await Expect(barometer).ToContainTextAsync("Nu: 2 open dossiers");
        Assert.Empty(await Axe.ViolationsAsync(page));
        Assert.True(await NoHorizontalOverflowAsync(page), "The page scrolls sideways.");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task ThePartnerTableSortsByAColumnAndSaysSo()
    {
        var (page, _) = await OpenAsCoordinatorAsync(1280);
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Per partnerdienst in de periode; klik op een kolomkop om te sorteren" });
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(6);

        await table.GetByRole(AriaRole.Button, new() { Name = "Partnerdienst" }).ClickAsync();
        await Expect(table.Locator("th[aria-sort=descending]")).ToHaveTextAsync("Partnerdienst");
        await table.GetByRole(AriaRole.Button, new() { Name = "Partnerdienst" }).ClickAsync();
        await Expect(table.Locator("th[aria-sort=ascending]")).ToHaveTextAsync("Partnerdienst");
        var names = await table.Locator("tbody tr td:first-child").AllTextContentsAsync();
        Assert.Equal(names.Order(StringComparer.CurrentCulture), names);
    }

    private static Task<bool> NoHorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");

    private async Task<(IPage Page, List<string> Problems)> OpenAsCoordinatorAsync(int width)
    {
        var context = await browser.NewContextAsync("nl-BE", width, 900);
        _contexts.Add(context);
        await Axe.AddToAsync(context);
        var signIn = await context.APIRequest.PostAsync(new Uri(_server, "/api/dev/signin").ToString(), new()
        {
            DataObject = new { userId = "coordinator-1", name = "Coördinator", roles = new[] { "coordinator" } },
        });
        Assert.True(signIn.Ok, $"Signing in answered {signIn.Status}.");
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
        await page.GotoAsync(new Uri(_server, "/dashboard/").ToString());
        return (page, problems);
    }
}
