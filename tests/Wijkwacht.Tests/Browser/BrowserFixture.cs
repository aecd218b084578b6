using Microsoft.Playwright;

namespace Wijkwacht.Tests.Browser;

/// <summary>The browser test classes: they share one <see cref="BrowserFixture"/>, so one Chromium per run.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// Debian's Chromium, driven by Playwright, launched once for all browser test classes (<see cref="SharedBrowser"/>). Playwright's .NET
/// package brings its own driver; it never downloads a browser here, it drives the one scripts/test.sh installs.
/// Each test gets its own context: its own storage (so its own language choice), locale and viewport.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>axe-core from the repository's pinned npm package, for the accessibility checks.</summary>
    public static string AxeScript { get; } = Path.Combine(Repository.Root, "node_modules", "axe-core", "axe.min.js");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}: run scripts/test.sh, which installs it (apt-get install chromium).");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No sandbox: the tests may run as root in a container. The rest keeps Chromium off the network: even
            // so it still looks up Google hosts (update.googleapis.com, content-autofill.googleapis.com), so every
            // name but the test server's is made unresolvable, and no query leaves the machine.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
            ],
        });
    }

    /// <summary>A fresh, private browser window; dispose it at the end of the test.</summary>
    public Task<IBrowserContext> NewContextAsync(string locale, int width = 1280, int height = 900) =>
        (_browser ?? throw new InvalidOperationException("The browser did not start.")).NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            TimezoneId = "America/New_York", // far from Brussels: the page must show Brussels time whatever the clock
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
