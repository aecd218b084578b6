using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Wijkwacht.Observations;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

internal sealed class LinkingOptions
{
    /// <summary>How close a new observation must be to a dossier's first one to be the same problem.</summary>
    public double RadiusMeters { get; set; } = 50;

    /// <summary>How close in time.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(3);
}

/// <summary>
/// Finds the open dossier a new observation belongs to: same category, within a few tens of metres and a few
/// days of the dossier's first observation. Dossier locations are indexed by category and a grid cell of about
/// 200 m, so the search reads the nine cells around the point.
/// </summary>
internal sealed class NearbyDossiers(
    [FromKeyedServices(Tables.DossierLocations)] TableClient table,
    DossierStore dossiers,
    IOptions<LinkingOptions> options)
{
    private const double CellsPerDegree = 500; // 0.002° ≈ 220 m north-south, 140 m east-west in Brussels

    public async Task RememberAsync(Dossier dossier, Observation first, CancellationToken cancellationToken)
    {
        var (row, column) = Cell(first.Latitude, first.Longitude);
        await table.UpsertEntityAsync(new TableEntity(PartitionKey(first.Category, row, column), dossier.Id)
        {
            ["Latitude"] = first.Latitude,
            ["Longitude"] = first.Longitude,
            ["ObservedAt"] = first.ObservedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <returns>The id of the nearest open dossier for the same problem, or null.</returns>
    public async Task<string?> FindOpenAsync(Observation observation, CancellationToken cancellationToken)
    {
        var (row, column) = Cell(observation.Latitude, observation.Longitude);
        var from = observation.ObservedAt - options.Value.Window;
        var to = observation.ObservedAt + options.Value.Window;
        var candidates = new List<(string DossierId, double Meters)>();
        for (var r = row - 1; r <= row + 1; r++)
        {
            for (var c = column - 1; c <= column + 1; c++)
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(observation.Category, r, c)} and ObservedAt ge {from} and ObservedAt le {to}");
                await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                    var meters = Distance(observation.Latitude, observation.Longitude, e.GetDouble("Latitude")!.Value, e.GetDouble("Longitude")!.Value);
                    if (meters <= options.Value.RadiusMeters)
                    {
                        candidates.Add((e.RowKey, meters));
                    }
                }
            }
        }

        foreach (var (dossierId, _) in candidates.OrderBy(c => c.Meters))
        {
            if (await dossiers.GetAsync(dossierId, cancellationToken) is { Dossier.IsOpen: true })
            {
                return dossierId;
            }
        }

        return null;
    }

    internal static (int Row, int Column) Cell(double latitude, double longitude) =>
        ((int)Math.Floor(latitude * CellsPerDegree), (int)Math.Floor(longitude * CellsPerDegree));

    internal static string PartitionKey(string category, int row, int column) =>
        string.Create(CultureInfo.InvariantCulture, $"{category}|{row}|{column}");

    /// <summary>Great-circle distance in metres (haversine).</summary>
    public static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        const double EarthRadius = 6_371_000;
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLon = double.DegreesToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadius * Math.Asin(Math.Sqrt(a));
    }
}
