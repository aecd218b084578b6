using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Wijkwacht.Storage;

/// <summary>
/// Row keys that list newest first ("{inverted ticks}-{id}"), and the continuation tokens of lists built on
/// them: the key of the first row of the next page, base64url-encoded and checked on the way back in.
/// </summary>
internal static partial class NewestFirst
{
    public static string RowKey(DateTimeOffset at, Guid id) => RowKey(at, id.ToString());

    public static string RowKey(DateTimeOffset at, string id) =>
        $"{(DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)}-{id}";

    public static string Token(string rowKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(rowKey));

    /// <returns>The row key a token stands for, or null when the token is not one of ours.</returns>
    public static string? RowKeyOf(string token)
    {
        try
        {
            var rowKey = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return Shape().IsMatch(rowKey) ? rowKey : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[0-9]{19}-[0-9a-f-]{36}$")]
    private static partial Regex Shape();
}
