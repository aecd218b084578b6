using Azure.Data.Tables;
using Wijkwacht.Observations;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

internal sealed record NearbyDossier(string Id, string Reference, DossierStatus Status, string PartnerId, DateTimeOffset CreatedAt, int DistanceMeters, double Latitude, double Longitude);

/// <summary>
/// The context panel of a dossier: other dossiers of the same category within 50 m of its first observation,
/// observed in the last twelve weeks, open or closed — likely the same problem. Read from the geo-cell index the
/// forwarding keeps (<see cref="NearbyDossiers"/>): the nine cells around the place, never all dossiers.
/// </summary>
internal sealed class DossierNeighbours(
    [FromKeyedServices(Tables.DossierLocations)] TableClient locations,
    DossierStore dossiers,
    ObservationStore observations,
    TimeProvider time)
{
    public const double RadiusMeters = 50;
    public static readonly TimeSpan Window = TimeSpan.FromDays(7 * 12);

    /// <returns>Null when the dossier does not exist.</returns>
    public async Task<IReadOnlyList<NearbyDossier>?> AroundAsync(string dossierId, CancellationToken cancellationToken)
    {
        if (await dossiers.GetAsync(dossierId, cancellationToken) is not { } stored)
        {
            return null;
        }

        if ((await observations.GetAsync(stored.Dossier.ObservationIds[0], cancellationToken))?.Observation is not { } first)
        {
            return [];
        }

        var since = time.GetUtcNow() - Window;
        var (row, column) = NearbyDossiers.Cell(first.Latitude, first.Longitude);
        var found = new List<(string Id, double Meters, double Latitude, double Longitude)>();
        for (var r = row - 1; r <= row + 1; r++)
        {
            for (var c = column - 1; c <= column + 1; c++)
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {NearbyDossiers.PartitionKey(first.Category, r, c)} and ObservedAt ge {since}");
                await foreach (var e in locations.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                    var (latitude, longitude) = (e.GetDouble("Latitude")!.Value, e.GetDouble("Longitude")!.Value);
                    var meters = NearbyDossiers.Distance(first.Latitude, first.Longitude, latitude, longitude);
                    if (e.RowKey != dossierId && meters <= RadiusMeters)
                    {
                        found.Add((e.RowKey, meters, latitude, longitude));
                    }
                }
            }
        }

        var result = new List<NearbyDossier>();
        foreach (var (id, meters, latitude, longitude) in found.OrderBy(f => f.Meters).Take(20))
        {
            if ((await dossiers.GetAsync(id, cancellationToken))?.Dossier is { } d)
            {
                result.Add(new NearbyDossier(d.Id, DossierFacts.ReferenceOf(d.Id), d.Status, d.PartnerId, d.CreatedAt, (int)Math.Round(meters), latitude, longitude));
            }
        }

        return result;
    }
}
