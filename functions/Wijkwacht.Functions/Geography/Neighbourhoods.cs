using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wijkwacht.Geography;

/// <summary>A GeoJSON position, in GeoJSON's order: longitude first.</summary>
internal readonly record struct Position(double Longitude, double Latitude);

/// <summary>A GeoJSON polygon: the exterior ring first, then its holes; every ring closed (last position = first).</summary>
internal sealed record Polygon(IReadOnlyList<IReadOnlyList<Position>> Rings);

internal sealed class Neighbourhood(string id, IReadOnlyDictionary<string, string> names, IReadOnlyList<Polygon> polygons)
{
    /// <summary>
    /// How close to an edge, in degrees (about 0.1 mm), a point counts as on it: a coordinate computed on a shared
    /// border rarely lands on the exact line in floating point, and must still resolve by the border rule.
    /// </summary>
    private const double BoundaryTolerance = 1e-9;

    public string Id { get; } = id;

    public IReadOnlyDictionary<string, string> Names { get; } = names;

    public IReadOnlyList<Polygon> Polygons { get; } = polygons;

    public string Name(string language) => Names.TryGetValue(language, out var name) ? name : Names["nl"];

    /// <summary>Whether the point is inside or on the border (the closed area): even-odd over every ring, holes included.</summary>
    public bool Covers(double latitude, double longitude) =>
        IsOnBorder(latitude, longitude) || IsInside(latitude, longitude);

    private bool IsInside(double latitude, double longitude)
    {
        var inside = false;
        foreach (var ring in Polygons.SelectMany(p => p.Rings))
        {
            for (var i = 1; i < ring.Count; i++)
            {
                Position a = ring[i - 1], b = ring[i];
                if ((a.Latitude > latitude) != (b.Latitude > latitude)
                    && longitude < a.Longitude + ((b.Longitude - a.Longitude) * (latitude - a.Latitude) / (b.Latitude - a.Latitude)))
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    private bool IsOnBorder(double latitude, double longitude)
    {
        foreach (var ring in Polygons.SelectMany(p => p.Rings))
        {
            for (var i = 1; i < ring.Count; i++)
            {
                if (DistanceSquared(ring[i - 1], ring[i], longitude, latitude) <= BoundaryTolerance * BoundaryTolerance)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static double DistanceSquared(Position a, Position b, double x, double y)
    {
        double dx = b.Longitude - a.Longitude, dy = b.Latitude - a.Latitude;
        double px = x - a.Longitude, py = y - a.Latitude;
        var lengthSquared = (dx * dx) + (dy * dy);
        var t = lengthSquared == 0 ? 0 : Math.Clamp(((px * dx) + (py * dy)) / lengthSquared, 0, 1);
        double ex = px - (t * dx), ey = py - (t * dy);
        return (ex * ex) + (ey * ey);
    }
}

/// <summary>
/// The neighbourhoods of the City of Brussels, read once from Data/neighbourhoods.geojson (RFC 7946): data, not code.
/// </summary>
/// <remarks>
/// Border rule: <see cref="Find"/> tries the neighbourhoods in file order and takes the first whose closed area (inside
/// by even-odd, or within 1e-9° of its border) holds the point. So a point on a border shared by several neighbourhoods
/// belongs to the first of them in the file, and a point on the municipal border belongs to the neighbourhood inside
/// it. This relies on the neighbourhoods not overlapping, which the tests check of the file.
/// </remarks>
internal sealed class Neighbourhoods
{
    private readonly Dictionary<string, Neighbourhood> _byId;

    private Neighbourhoods(IReadOnlyList<Neighbourhood> all, string geoJson)
    {
        All = all;
        GeoJson = geoJson;
        _byId = all.ToDictionary(n => n.Id, StringComparer.Ordinal);
    }

    /// <summary>In file order, which decides points on a shared border.</summary>
    public IReadOnlyList<Neighbourhood> All { get; }

    /// <summary>The file as it is, for serving to maps unchanged.</summary>
    public string GeoJson { get; }

    public Neighbourhood? this[string id] => _byId.GetValueOrDefault(id);

    public Neighbourhood? Find(double latitude, double longitude) =>
        All.FirstOrDefault(n => n.Covers(latitude, longitude));

    /// <summary>Whether the point lies in the municipality (the City of Brussels, not the region).</summary>
    public bool Contains(double latitude, double longitude) => Find(latitude, longitude) is not null;

    public static Neighbourhoods Load(string path)
    {
        var geoJson = File.ReadAllText(path);
        var collection = JsonSerializer.Deserialize(geoJson, GeographyJsonContext.Default.FeatureCollection);
        if (collection is not { Type: "FeatureCollection", Features: not null })
        {
            throw new InvalidDataException($"{path} is not a GeoJSON FeatureCollection.");
        }

        var all = collection.Features.Select(f => Read(f, path)).ToList();
        var duplicate = all.GroupBy(n => n.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{path} has neighbourhood {duplicate.Key} more than once.");
        }

        return new Neighbourhoods(all, geoJson);
    }

    private static Neighbourhood Read(Feature feature, string path)
    {
        var id = feature.Id ?? feature.Properties?.Id;
        if (string.IsNullOrEmpty(id) || feature.Properties?.Name is not { } names || !names.ContainsKey("nl"))
        {
            throw new InvalidDataException($"{path}: every feature needs an id and a Dutch name.");
        }

        var geometry = feature.Geometry ?? throw new InvalidDataException($"{path}: {id} has no geometry.");
        double[][][]?[]? polygons = geometry.Type switch
        {
            "Polygon" => [geometry.Coordinates.Deserialize(GeographyJsonContext.Default.DoubleArrayArrayArray)],
            "MultiPolygon" => geometry.Coordinates.Deserialize(GeographyJsonContext.Default.DoubleArrayArrayArrayArray),
            _ => throw new InvalidDataException($"{path}: {id} is a {geometry.Type}; only a Polygon or MultiPolygon marks out an area."),
        };
        if (polygons is not { Length: > 0 })
        {
            throw new InvalidDataException($"{path}: {id} has no polygons.");
        }

        return new Neighbourhood(id, names, polygons.Select(rings => new Polygon(
            rings is { Length: > 0 }
                ? rings.Select(ring => ReadRing(ring, id, path)).ToList()
                : throw new InvalidDataException($"{path}: {id} has a polygon without rings."))).ToList());
    }

    private static List<Position> ReadRing(double[]?[]? ring, string id, string path)
    {
        if (ring is not { Length: >= 4 } || ring.Any(p => p is not { Length: >= 2 }))
        {
            throw new InvalidDataException($"{path}: {id} has a ring of fewer than four longitude, latitude positions.");
        }

        var positions = ring.Select(p => new Position(p![0], p[1])).ToList();
        return positions[0] == positions[^1]
            ? positions
            : throw new InvalidDataException($"{path}: {id} has a ring that does not end where it starts.");
    }
}

internal sealed record FeatureCollection(string? Type, IReadOnlyList<Feature>? Features);

internal sealed record Feature(string? Id, FeatureProperties? Properties, Geometry? Geometry);

internal sealed record FeatureProperties(string? Id, Dictionary<string, string>? Name);

/// <summary>The coordinates stay raw until the type says how deep their arrays go.</summary>
internal sealed record Geometry(string? Type, JsonElement Coordinates);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FeatureCollection))]
[JsonSerializable(typeof(double[][][]))]
[JsonSerializable(typeof(double[][][][]))]
internal sealed partial class GeographyJsonContext : JsonSerializerContext;
