using Microsoft.Playwright;

namespace Wijkwacht.Tests.Browser;

/// <summary>axe-core's automated WCAG 2.1 A/AA checks, run inside the page as it is at that moment.</summary>
internal static class Axe
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// Makes axe available in every page of the context. An init script, not a script tag: the pages' CSP
    /// (script-src 'self') stays in force and would block an injected inline script.
    /// </summary>
    public static Task AddToAsync(IBrowserContext context)
    {
        if (!File.Exists(BrowserFixture.AxeScript))
        {
            throw new InvalidOperationException($"axe-core is not installed at {BrowserFixture.AxeScript}: run scripts/test.sh, or npm ci in the repository root.");
        }

        return context.AddInitScriptAsync(scriptPath: BrowserFixture.AxeScript);
    }

    /// <summary>Every WCAG 2.1 A/AA violation on the page, one line each: rule, impact, help and the elements.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            async (tags) => {
              const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
              return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
            }
            """,
            Tags);
}
