using System.Text.RegularExpressions;

namespace Wijkwacht.Tests.CitizenReports;

/// <summary>The reporter's mails exist in Dutch, French and English alike: every text, with the same placeholders.</summary>
public sealed partial class CitizenMailTemplateTests
{
    [Fact]
    public void EveryLanguageHasEveryMailWithTheSamePlaceholders()
    {
        var path = Path.Combine(Repository.Root, "functions", "Wijkwacht.Functions", "Data", "citizen-mails.json");
        var languages = JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateObject()
            .ToDictionary(l => l.Name, l => l.Value.EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetString()!));

        Assert.Equal(["en", "fr", "nl"], languages.Keys.Order());
        var dutch = languages["nl"];
        foreach (var (language, texts) in languages)
        {
            Assert.Equal(dutch.Keys.Order(), texts.Keys.Order());
            foreach (var (key, text) in texts.Where(t => t.Key != "culture"))
            {
                Assert.True(Placeholders(dutch[key]).SetEquals(Placeholders(text)), $"{language}.{key} has other placeholders than nl.{key}.");
            }
        }
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{[a-zA-Z]+\}")]
    private static partial Regex Placeholder();
}
