using System.Text.Json;

namespace Wijkwacht.Geography;

/// <summary>A neighbourhood of the municipality: its names and its area (rings of lon/lat positions).</summary>
internal sealed record Neighbourhood(string Id, IReadOnlyDictionary<string, string> Names, IReadOnlyList<IReadOnlyList<(double Lon, double Lat)[]>> Polygons)
{
    public string Name(string language) => Names.TryGetValue(language, out var name) ? name : Names["nl"];

    /// <summary>Even-odd ray casting over every ring: holes count, as GeoJSON means them.</summary>
    public bool Contains(double latitude, double longitude) =>
        Polygons.Any(rings => rings.Count(ring => Crosses(ring, latitude, longitude)) % 2 == 1);

    private static bool Crosses((double Lon, double Lat)[] ring, double lat, double lon)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (xi, yi) = ring[i];
            var (xj, yj) = ring[j];
            if ((yi > lat) != (yj > lat) && lon < ((xj - xi) * (lat - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}

/// <summary>
/// The municipality's neighbourhoods from Data/neighbourhoods.geojson. A point on the boundary of two
/// neighbourhoods belongs to the first of them in the file, so every point has at most one neighbourhood.
/// </summary>
internal sealed class Neighbourhoods(IReadOnlyList<Neighbourhood> all, string geoJson)
{
    public IReadOnlyList<Neighbourhood> All => all;

    /// <summary>The file as it is, for GET /api/neighbourhoods.</summary>
    public string GeoJson => geoJson;

    public Neighbourhood? Get(string id) => all.FirstOrDefault(n => n.Id == id);

    public Neighbourhood? Find(double latitude, double longitude) => all.FirstOrDefault(n => n.Contains(latitude, longitude));

    /// <summary>Inside the municipality: in one of its neighbourhoods.</summary>
    public bool Contains(double latitude, double longitude) => Find(latitude, longitude) is not null;

    public static Neighbourhoods Load(string path)
    {
        var text = File.ReadAllText(path);
        using var document = JsonDocument.Parse(text);
        var neighbourhoods = new List<Neighbourhood>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var names = properties.GetProperty("name").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            IEnumerable<JsonElement> polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [coordinates],
                "MultiPolygon" => coordinates.EnumerateArray(),
                var other => throw new InvalidDataException($"{path}: a neighbourhood is a {other}, not a Polygon or MultiPolygon."),
            };
            neighbourhoods.Add(new Neighbourhood(
                properties.GetProperty("id").GetString()!,
                names,
                [.. polygons.Select(p => (IReadOnlyList<(double, double)[]>)[.. p.EnumerateArray().Select(Ring)])]));
        }

        return new Neighbourhoods(neighbourhoods, text);
    }

    private static (double Lon, double Lat)[] Ring(JsonElement ring) =>
        [.. ring.EnumerateArray().Select(position => (position[0].GetDouble(), position[1].GetDouble()))];
}

internal static class GeographySetup
{
    public static void AddGeography(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton(_ => Neighbourhoods.Load(Path.Combine(AppContext.BaseDirectory, "Data", "neighbourhoods.geojson")));
}
