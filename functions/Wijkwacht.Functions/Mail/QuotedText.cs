using System.Text.RegularExpressions;

namespace Wijkwacht.Mail;

/// <summary>
/// Text a member of the public typed (a booking's subject, name, address) shown in a mail or calendar file the
/// city sends. It must never read as the city's own words nor turn into a link: each line is quoted ("> ")
/// under a heading that says whose words they are, and web and mail addresses are broken so no mail client or
/// calendar makes them clickable: "https://" becomes "https[:]//", a dot before a domain ending "[.]"
/// ("evil.example" → "evil[.]example"), "@" becomes "[at]". A reader can still see what was written.
/// </summary>
internal static partial class QuotedText
{
    /// <summary>The text with its web and mail addresses broken, on one line.</summary>
    public static string Defang(string text)
    {
        var single = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var noSchemes = single.Replace("://", "[:]//", StringComparison.Ordinal);
        return DomainDot().Replace(noSchemes, "[.]").Replace("@", "[at]", StringComparison.Ordinal);
    }

    /// <summary>Lines "label: text", each quoted with "> " and defanged.</summary>
    public static string Block(IEnumerable<(string Label, string? Text)> fields) =>
        string.Join("\r\n", fields.Where(f => !string.IsNullOrWhiteSpace(f.Text)).Select(f => $"> {f.Label}: {Defang(f.Text!)}"));

    // A dot between a letter or digit and at least two letters: "example.com", "bit.ly/x", "www.evil", not "12.5" nor "St. Jan".
    [GeneratedRegex(@"(?<=[\p{L}\p{N}-])\.(?=\p{L}{2})")]
    private static partial Regex DomainDot();
}
