using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Observations;
using Wijkwacht.Storage;
using Wijkwacht.Time;

namespace Wijkwacht.OpenData;

/// <summary>One observation as published: its day, category, neighbourhood and a position on a ~100 m grid.</summary>
public sealed record PublicObservation(string Id, DateOnly Day, string Category, string? Neighbourhood, double Latitude, double Longitude);

/// <summary>
/// The published form of every observation, one partition per Brussels day, written when the observation is
/// stored (through the observations' change seam): an export reads only the days it covers. Only what may be
/// published is kept here — no description, no GAS details, no warden, no exact place or time — so the export
/// cannot leak what it never reads. A pointer row per observation remembers its day, so a correction to another
/// day moves the row instead of leaving a copy behind.
/// </summary>
internal sealed class PublicObservations([FromKeyedServices(PublicObservations.Table)] TableClient table) : IObservationChangeListener
{
    public const string Table = "OpenDataObservations";

    /// <summary>The grid: 0.001° of latitude is 111 m; 0.0015° of longitude is 105 m at Brussels' latitude.</summary>
    public const double LatitudeStep = 0.001;
    public const double LongitudeStep = 0.0015;

    public async Task ObservationStoredAsync(Observation o, CancellationToken cancellationToken)
    {
        var day = Key(BrusselsTime.Day(o.ObservedAt));
        var pointer = $"obs-{o.Id}";
        var previous = await table.GetEntityIfExistsAsync<TableEntity>(pointer, "day", cancellationToken: cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(day, PublicId(o.Id))
        {
            ["Category"] = o.Category,
            ["Neighbourhood"] = o.NeighbourhoodId,
            ["Latitude"] = Snap(o.Latitude, LatitudeStep),
            ["Longitude"] = Snap(o.Longitude, LongitudeStep),
        }, TableUpdateMode.Replace, cancellationToken);
        if (previous.HasValue && previous.Value!.GetString("Day") is { } old && old != day)
        {
            try
            {
                await table.DeleteEntityAsync(old, PublicId(o.Id), ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // removed by an earlier attempt
            }
        }

        await table.UpsertEntityAsync(new TableEntity(pointer, "day") { ["Day"] = day }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The published observations of from..to, day by day; the days are read in parallel.</summary>
    public async Task<IReadOnlyList<PublicObservation>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = await Task.WhenAll(Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(async i =>
        {
            var day = from.AddDays(i);
            var rows = new List<PublicObservation>();
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Key(day)}"), cancellationToken: cancellationToken))
            {
                rows.Add(new PublicObservation(row.RowKey, day, row.GetString("Category"), row.GetString("Neighbourhood"),
                    row.GetDouble("Latitude")!.Value, row.GetDouble("Longitude")!.Value));
            }

            return rows;
        }));
        return [.. days.SelectMany(d => d)];
    }

    /// <summary>The centre of the grid cell the value falls in, to a fixed number of decimals.</summary>
    public static double Snap(double value, double step) => Math.Round((Math.Floor(value / step) + 0.5) * step, 5);

    /// <summary>
    /// Not the observation's own id: that one is in mails and links to partners, and would tie the published
    /// row to them. A one-way derivation keeps rows distinct and stable across exports.
    /// </summary>
    private static string PublicId(Guid id) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(id.ToByteArray().Concat("opendata"u8.ToArray()).ToArray()))[..16];

    private static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
