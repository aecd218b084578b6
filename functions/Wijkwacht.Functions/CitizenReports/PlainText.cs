using System.Globalization;
using System.Text;

namespace Wijkwacht.CitizenReports;

/// <summary>
/// Free text from people without an account must read as what it looks like: no bidirectional overrides (which
/// turn "gpj.exe" into "exe.jpg"), zero-width or other invisible formatting characters, or control characters
/// other than line breaks and tabs.
/// </summary>
internal static class PlainText
{
    public static bool IsPlain(string? text) =>
        text is null || text.EnumerateRunes().All(r =>
            r.Value is '\n' or '\r' or '\t'
            || Rune.GetUnicodeCategory(r) is not (UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned));

    public const string Refusal = "Remove invisible or direction-changing characters (such as U+202E) from the text.";
}
