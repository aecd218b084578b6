using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wijkwacht.Problems;

/// <summary>
/// No text the API takes holds a control character (NUL and the like; tab and line breaks are fine) or half of
/// a surrogate pair: they cannot be stored faithfully, break mails and exports, and are never typed by a person.
/// </summary>
internal static class CleanText
{
    public const string Message = "This text holds a control character or a broken character.";

    public static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Refuses, in every JSON body, a string that is not clean; the field is named by ProblemExceptionHandler.</summary>
    public sealed class Converter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException(); // the serializer's own "could not be converted" message and path
            }

            // The reader turns an escaped lone surrogate ("\ud800") into U+FFFD, so the escapes are looked at first.
            var text = reader.GetString()!;
            return IsClean(text) && (!reader.ValueIsEscaped || EscapesArePaired(reader.ValueSpan)) ? text : throw new JsonException(Message);
        }

        /// <summary>Whether every \uD800–\uDBFF escape is followed by a \uDC00–\uDFFF one, and no low half stands alone.</summary>
        private static bool EscapesArePaired(ReadOnlySpan<byte> escaped)
        {
            var expectLow = false;
            for (var i = 0; i < escaped.Length; i++)
            {
                var unit = escaped[i] == '\\' && i + 5 < escaped.Length && escaped[i + 1] == 'u'
                    && int.TryParse(escaped.Slice(i + 2, 4), System.Globalization.NumberStyles.HexNumber, null, out var code) ? code : -1;
                if (expectLow != unit is >= 0xDC00 and <= 0xDFFF)
                {
                    return false;
                }

                expectLow = unit is >= 0xD800 and <= 0xDBFF;
                if (unit >= 0)
                {
                    i += 5;
                }
                else if (escaped[i] == '\\')
                {
                    i++; // another escape (\n, \\): its second character is not the start of anything
                }
            }

            return !expectLow;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>Refuses a query string with a control character in a value, naming the parameter.</summary>
    public static async Task RefuseUncleanQueryAsync(HttpContext context, Func<Task> next)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (values.Any(v => v is not null && !IsClean(v)))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await Problem.Invalid(name, ErrorCodes.ControlCharacter, Message).ExecuteAsync(context);
                return;
            }
        }

        await next();
    }
}
