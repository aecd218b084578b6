using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wijkwacht.Problems;

/// <summary>
/// Text people type into the API (subjects, names, addresses, descriptions, notes) ends up in mails, calendar
/// invitations and pages other people read. Invisible formatting characters let such text pose as something
/// else: a right-to-left override turns "moc.evil" into "evil.com", a zero-width space hides a word from a
/// search. So every string in every JSON body is refused when it holds a Unicode format character (category Cf:
/// the bidi controls U+202A–202E, U+2066–2069, U+200E/F, U+061C, zero-width characters, U+FEFF …) or a control
/// character other than tab and line breaks. One converter for all bodies, so no endpoint can forget it.
/// </summary>
internal static class FreeText
{
    public const string InvisibleMessage = "Remove the invisible formatting characters (such as direction marks or zero-width spaces) from this text.";

    /// <summary>Whether the text holds no invisible formatting or control characters (tab, CR and LF allowed).</summary>
    public static bool IsClean(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.Format || (category == UnicodeCategory.Control && rune.Value is not ('\t' or '\r' or '\n')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads every JSON string through <see cref="IsClean"/>; the refusal names the field (see ProblemExceptionHandler).</summary>
    internal sealed class Converter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException();
            }

            var text = reader.GetString()!;
            return IsClean(text) ? text : throw new InvisibleCharactersException();
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>Its own type, so the problem can say what is wrong instead of "wrong type".</summary>
    internal sealed class InvisibleCharactersException() : JsonException(InvisibleMessage);
}
