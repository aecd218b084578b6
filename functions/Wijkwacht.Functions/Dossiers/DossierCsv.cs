using System.Globalization;
using System.Text;

namespace Wijkwacht.Dossiers;

/// <summary>
/// The dossier list as CSV (RFC 4180) for spreadsheets and BI tools, with the lifecycle times that let them
/// compute handling times. UTF-8 with a byte order mark and CRLF line ends; ";" on request, for Excel in Dutch
/// and French locales. Cells a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
/// return) get a leading apostrophe (OWASP's CSV injection advice). Times are Brussels local with their offset.
/// Internal notes and the observations' texts are not in it: it is meant to leave the organisation.
/// </summary>
internal static class DossierCsv
{
    public static readonly string[] Header =
    [
        "reference", "category", "subcategory", "neighbourhood", "address", "partner", "status", "latitude", "longitude",
        "recorded", "forwarded", "acknowledged", "resolved", "closed", "reminders sent", "escalated", "days overdue",
    ];

    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<DossierSummary> dossiers, char separator, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Line(Header, separator));
        var written = 0;
        await foreach (var d in dossiers.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Line(Cells(d), separator));
            if (++written % 200 == 0)
            {
                await writer.FlushAsync(cancellationToken); // stream as it is read: no export is held in memory
            }
        }
    }

    private static string?[] Cells(DossierSummary d) =>
    [
        d.Reference, d.Category, d.Subcategory, d.NeighbourhoodId, d.Address, d.PartnerId, System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(d.Status.ToString()),
        d.Latitude?.ToString("0.000000", CultureInfo.InvariantCulture), d.Longitude?.ToString("0.000000", CultureInfo.InvariantCulture),
        Time(d.RecordedAt ?? d.CreatedAt), Time(d.ForwardedAt), Time(d.AcknowledgedAt), Time(d.Status == DossierStatus.Resolved ? d.ClosedAt : null), Time(d.ClosedAt),
        d.RemindersSent.ToString(CultureInfo.InvariantCulture), d.Escalated ? "yes" : "no", d.DaysOverdue.ToString(CultureInfo.InvariantCulture),
    ];

    public static string Line(IEnumerable<string?> cells, char separator) => string.Join(separator, cells.Select(c => Cell(c, separator)));

    public static string Cell(string? value, char separator)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string? Time(DateTimeOffset? at) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, Brussels).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null;
}
