using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wijkwacht.Geography;

namespace Wijkwacht.Tests.Geography;

/// <summary>The real data file: where places fall, whether it is valid GeoJSON, and whether it tiles the city.</summary>
public sealed class NeighbourhoodsTests
{
    private static readonly string DataFolder = Path.Combine(Repository.Root, "functions", "Wijkwacht.Functions", "Data");
    private static readonly string GeoJsonPath = Path.Combine(DataFolder, "neighbourhoods.geojson");
    private static readonly Neighbourhoods City = Neighbourhoods.Load(GeoJsonPath);
    private static readonly string[] Languages = ["nl", "fr", "en"];
    private static readonly string[] AreaTypes = ["Polygon", "MultiPolygon"];

    public static TheoryData<double, double, string> PlacesInTheCity =>
    [
        Place("Vossenplein (Place du Jeu de Balle)", 50.8378, 4.3460, "marollen"),
        Place("Hoogstraat, south end", 50.83958, 4.34776, "marollen"),
        Place("Zuidstraat by the Rouppeplein, 500 m north of the Vossenplein", 50.84251, 4.34569, "anneessens"),
        Place("Sint-Katelijneplein", 50.85045, 4.34878, "dansaert"),
        Place("Lakensestraat by the KVS", 50.85301, 4.35262, "dansaert"),
        Place("Martelarenplein", 50.8517, 4.3564, "martelaren"),
        Place("Grote Markt", 50.8466, 4.3528, "centrum"),
        Place("Centraal Station", 50.84687, 4.35705, "centrum"),
        Place("Kunstberg", 50.84384, 4.35608, "zavel"),
        Place("Warandepark", 50.8446, 4.3650, "koningswijk"),
        Place("Noordstation, Simon Bolivar side", 50.86009, 4.35984, "noordwijk"),
        Place("Schuman", 50.8433, 4.3800, "europese-wijk"),
        Place("Jubelpark", 50.8400, 4.3925, "europese-wijk"),
        Place("Louizalaan between Stefania and Lesbroussart", 50.8300, 4.3613, "louiza"),
        Place("Ter Kamerenbos", 50.8090, 4.3755, "louiza"),
        Place("Bockstaelplein", 50.8782, 4.3479, "laken-west"),
        Place("Park van Laken", 50.89452, 4.35181, "laken-oost"),
        Place("Atomium", 50.8949, 4.3415, "heizel"),
        Place("Neder-Over-Heembeek", 50.9020, 4.3750, "neder-over-heembeek"),
        Place("Haren, east of the canal", 50.90125, 4.39104, "haren"),
        Place("Haren, village", 50.8890, 4.4175, "haren"),
    ];

    public static TheoryData<double, double> PlacesInOtherMunicipalities =>
    [
        Elsewhere("Elsene, Flageyplein", 50.8275, 4.3720),
        Elsewhere("Elsene, Sint-Bonifatius, 400 m east of the Louizalaan", 50.83452, 4.36289),
        Elsewhere("Schaarbeek", 50.8676, 4.3775),
        Elsewhere("Anderlecht", 50.8365, 4.3085),
        Elsewhere("Etterbeek", 50.8333, 4.3889),
        Elsewhere("Sint-Joost-ten-Node, Sint-Joostplein", 50.8498, 4.3751),
        Elsewhere("Sint-Gillis, Voorplein", 50.8303, 4.3445),
        Elsewhere("Molenbeek, Zwarte Vijvers", 50.8573, 4.3324),
        Elsewhere("Jette, gemeentehuis", 50.8765, 4.3246),
    ];

    [Theory]
    [MemberData(nameof(PlacesInTheCity))]
    public void APlaceInTheCityLiesInItsNeighbourhood(double latitude, double longitude, string neighbourhood)
    {
        Assert.Equal(neighbourhood, City.Find(latitude, longitude)?.Id);
        Assert.True(City.Contains(latitude, longitude));
    }

    [Theory]
    [MemberData(nameof(PlacesInOtherMunicipalities))]
    public void APlaceInAnotherMunicipalityHasNoNeighbourhood(double latitude, double longitude)
    {
        Assert.Null(City.Find(latitude, longitude));
        Assert.False(City.Contains(latitude, longitude));
    }

    [Fact]
    public void TheCityHasEightToTwentyNeighbourhoodsWithUniqueKebabCaseIds()
    {
        Assert.InRange(City.All.Count, 8, 20);
        Assert.Equal(City.All.Count, City.All.Select(n => n.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(City.All, n => Assert.Matches("^[a-z]+(-[a-z]+)*$", n.Id));
    }

    [Fact]
    public void ANeighbourhoodIsNamedInDutchFrenchAndEnglishAndFallsBackToDutch()
    {
        var marollen = City["marollen"]!;

        Assert.Equal("Marollen", marollen.Name("nl"));
        Assert.Equal("Marolles", marollen.Name("fr"));
        Assert.Equal("Marolles", marollen.Name("en"));
        Assert.Equal("Marollen", marollen.Name("de"));
        Assert.All(City.All, n => Assert.All(Languages, language => Assert.False(string.IsNullOrWhiteSpace(n.Name(language)))));
    }

    [Fact]
    public void TheFileIsAnRfc7946FeatureCollectionOfPolygons()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(GeoJsonPath));
        var root = document.RootElement;

        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        Assert.False(root.TryGetProperty("crs", out _), "RFC 7946 drops crs: positions are WGS84 longitude, latitude.");
        var features = root.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        foreach (var feature in features)
        {
            Assert.Equal("Feature", feature.GetProperty("type").GetString());
            var id = feature.GetProperty("id").GetString();
            var properties = feature.GetProperty("properties");
            Assert.Equal(id, properties.GetProperty("id").GetString());
            Assert.All(Languages, language => Assert.False(string.IsNullOrWhiteSpace(properties.GetProperty("name").GetProperty(language).GetString())));

            var geometry = feature.GetProperty("geometry");
            var type = geometry.GetProperty("type").GetString();
            var coordinates = geometry.GetProperty("coordinates");
            Assert.Contains(type, AreaTypes);
            List<JsonElement> polygons = type == "Polygon" ? [coordinates] : [.. coordinates.EnumerateArray()];
            foreach (var rings in polygons.Select(p => p.EnumerateArray().ToList()))
            {
                Assert.NotEmpty(rings);
                for (var r = 0; r < rings.Count; r++)
                {
                    var ring = rings[r].EnumerateArray().Select(p => p.EnumerateArray().Select(c => c.GetDouble()).ToArray()).ToList();
                    Assert.True(ring.Count >= 4, $"{id}: a ring has at least four positions.");
                    Assert.All(ring, p => Assert.InRange(p.Length, 2, 3));
                    Assert.All(ring, p => Assert.InRange(p[0], -180, 180));
                    Assert.All(ring, p => Assert.InRange(p[1], -90, 90));
                    Assert.True(ring[0].SequenceEqual(ring[^1]), $"{id}: a ring ends where it starts.");

                    var positions = ring.Select(p => new Position(p[0], p[1])).ToList();
                    if (r == 0)
                    {
                        Assert.True(SignedArea(positions) > 0, $"{id}: the exterior ring runs counter-clockwise.");
                    }
                    else
                    {
                        Assert.True(SignedArea(positions) < 0, $"{id}: a hole runs clockwise.");
                    }

                    Assert.False(IntersectsItself(positions), $"{id}: a ring does not cross or touch itself.");
                }
            }
        }
    }

    [Fact]
    public void NoPointOfAGridOverTheCityLiesInTwoNeighbourhoods()
    {
        var positions = City.All.SelectMany(Vertices).ToList();
        double west = positions.Min(p => p.Longitude), east = positions.Max(p => p.Longitude);
        double south = positions.Min(p => p.Latitude), north = positions.Max(p => p.Latitude);
        const int Steps = 240;

        var covered = 0;
        for (var i = 0; i < Steps; i++)
        {
            for (var j = 0; j < Steps; j++)
            {
                // Off-centre so that no sample falls on a rounded border coordinate.
                var latitude = south + ((north - south) * (i + 0.4987) / Steps);
                var longitude = west + ((east - west) * (j + 0.5013) / Steps);
                var owners = City.All.Where(n => n.Covers(latitude, longitude)).Select(n => n.Id).ToList();
                Assert.True(owners.Count <= 1, FormattableString.Invariant($"({latitude}, {longitude}) lies in {string.Join(" and ", owners)}."));
                covered += owners.Count;
            }
        }

        Assert.InRange(covered, Steps * Steps / 10, Steps * Steps);
    }

    [Fact]
    public void NeighbourhoodsThatTouchShareTheirBorderVertexForVertex()
    {
        var edges = Edges();
        var vertices = City.All.SelectMany(Vertices).Distinct().ToList();

        // An edge shared the same way round would mean two neighbourhoods on the same side of it: an overlap.
        Assert.Equal(edges.Count, edges.Select(e => (e.From, e.To)).Distinct().Count());
        // A vertex on another edge without being its end would leave a sliver between two borders (a T-junction).
        foreach (var edge in edges)
        {
            var between = vertices.Where(v => v != edge.From && v != edge.To && Distance(v, edge.From, edge.To) < 1e-6).ToList();
            Assert.True(between.Count == 0, $"{edge.Neighbourhood} passes by a vertex of a neighbour without sharing it: {string.Join(", ", between)}");
        }
    }

    [Fact]
    public void TheOuterEdgesMakeOneBorderAroundTheWholeCitySoThereAreNoGapsInside()
    {
        var edges = Edges();
        var shared = edges.Select(e => (e.From, e.To)).ToHashSet();
        var outer = edges.Where(e => !shared.Contains((e.To, e.From))).ToList();

        var next = outer.ToDictionary(e => e.From, e => e.To);
        var border = new List<Position> { outer[0].From };
        for (var at = next[outer[0].From]; at != outer[0].From; at = next[at])
        {
            border.Add(at);
        }

        Assert.Equal(outer.Count, border.Count);
        border.Add(border[0]);
        var total = City.All.SelectMany(n => n.Polygons).Sum(p => p.Rings.Sum(SignedArea));
        Assert.Equal(SignedArea(border), total, 1e-12);
    }

    [Fact]
    public void APointOnTheBorderBetweenTwoNeighbourhoodsBelongsToTheFirstInFileOrder()
    {
        // The Anspachlaan between De Brouckère and the Beurs: Centrum (first in the file) east, Dansaert west.
        var (latitude, longitude) = ((50.8519 + 50.8478) / 2, (4.3528 + 4.3492) / 2);

        Assert.True(City["centrum"]!.Covers(latitude, longitude));
        Assert.True(City["dansaert"]!.Covers(latitude, longitude));
        Assert.Equal("centrum", City.Find(latitude, longitude)?.Id);
        Assert.Equal("centrum", City.Find(latitude, longitude + 1e-6)?.Id);
        Assert.Equal("dansaert", City.Find(latitude, longitude - 1e-6)?.Id);
    }

    [Fact]
    public void APointOnAVertexOfThreeNeighbourhoodsBelongsToTheFirstInFileOrder()
    {
        // The Ravensteinstraat corner where Centrum, Koningswijk and Zavel meet.
        var corner = City["centrum"]!.Polygons.Single().Rings.Single().Single(p => p == new Position(4.3595, 50.8452));

        string[] meeting = ["centrum", "koningswijk", "zavel"];
        Assert.Equal(meeting, City.All.Where(n => n.Covers(corner.Latitude, corner.Longitude)).Select(n => n.Id));
        Assert.Equal("centrum", City.Find(corner.Latitude, corner.Longitude)?.Id);
    }

    [Fact]
    public void EveryPointOnEveryBorderResolvesToTheFirstNeighbourhoodInFileOrderThatHasIt()
    {
        var order = City.All.Select((n, index) => (n.Id, index)).ToDictionary(x => x.Id, x => x.index, StringComparer.Ordinal);
        var edges = Edges();
        var owners = edges.ToLookup(e => (e.From, e.To), e => e.Neighbourhood);

        foreach (var edge in edges)
        {
            var expected = owners[(edge.To, edge.From)].Append(edge.Neighbourhood).MinBy(id => order[id]);
            foreach (var fraction in new[] { 0.25, 0.5, 0.75 })
            {
                var latitude = edge.From.Latitude + ((edge.To.Latitude - edge.From.Latitude) * fraction);
                var longitude = edge.From.Longitude + ((edge.To.Longitude - edge.From.Longitude) * fraction);
                Assert.Equal(expected, City.Find(latitude, longitude)?.Id);
            }
        }

        foreach (var vertex in City.All.SelectMany(Vertices).Distinct())
        {
            var expected = City.All.First(n => Vertices(n).Contains(vertex)).Id;
            Assert.Equal(expected, City.Find(vertex.Latitude, vertex.Longitude)?.Id);
        }
    }

    [Fact]
    public void AHoleIsLeftOutAndEveryPartOfAMultiPolygonCounts()
    {
        var path = WriteTemporary("""
            {
              "type": "FeatureCollection",
              "features": [
                {
                  "type": "Feature",
                  "id": "ring",
                  "properties": { "id": "ring", "name": { "nl": "Ring", "fr": "Anneau", "en": "Ring" } },
                  "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [
                      [ [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]] ],
                      [ [[10, 10], [12, 10], [12, 12], [10, 12], [10, 10]] ]
                    ]
                  }
                },
                {
                  "type": "Feature",
                  "id": "island",
                  "properties": { "id": "island", "name": { "nl": "Eiland" } },
                  "geometry": { "type": "Polygon", "coordinates": [ [[1.5, 1.5], [2.5, 1.5], [2.5, 2.5], [1.5, 2.5], [1.5, 1.5]] ] }
                }
              ]
            }
            """);
        try
        {
            var map = Neighbourhoods.Load(path);

            Assert.Equal("ring", map.Find(0.5, 0.5)?.Id);
            Assert.Equal("ring", map.Find(11, 11)?.Id);
            Assert.Equal("ring", map.Find(1, 2)?.Id);
            Assert.Null(map.Find(1.2, 1.2));
            Assert.Equal("island", map.Find(2, 2)?.Id);
            Assert.Null(map.Find(5, 5));
            Assert.Equal("Eiland", map["island"]!.Name("fr"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ARingThatDoesNotCloseIsRefused()
    {
        var path = WriteTemporary("""
            {
              "type": "FeatureCollection",
              "features": [
                {
                  "type": "Feature",
                  "id": "open",
                  "properties": { "id": "open", "name": { "nl": "Open" } },
                  "geometry": { "type": "Polygon", "coordinates": [ [[0, 0], [4, 0], [4, 4], [0, 4]] ] }
                }
              ]
            }
            """);
        try
        {
            Assert.Throws<InvalidDataException>(() => Neighbourhoods.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EveryHotSpotLiesInTheNeighbourhoodItNames()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataFolder, "hotspots.json")));
        var hotspots = document.RootElement.GetProperty("hotspots").EnumerateArray().ToList();

        Assert.InRange(hotspots.Count, 6, 10);
        Assert.Equal(hotspots.Count, hotspots.Select(h => h.GetProperty("id").GetString()).Distinct(StringComparer.Ordinal).Count());
        foreach (var hotspot in hotspots)
        {
            var id = hotspot.GetProperty("id").GetString();
            Assert.All(Languages, language => Assert.False(string.IsNullOrWhiteSpace(hotspot.GetProperty("name").GetProperty(language).GetString())));
            Assert.InRange(hotspot.GetProperty("radiusMeters").GetDouble(), 1, 1000);

            var neighbourhood = City.Find(hotspot.GetProperty("latitude").GetDouble(), hotspot.GetProperty("longitude").GetDouble());
            Assert.True(neighbourhood?.Id == hotspot.GetProperty("neighbourhoodId").GetString(), $"{id} lies in {neighbourhood?.Id ?? "no neighbourhood"}.");
        }
    }

    [Fact]
    public async Task TheAppLoadsTheFileFromItsOwnDataFolderAndKeepsItsTextForServing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddGeography();
        await using var app = builder.Build();

        var neighbourhoods = app.Services.GetRequiredService<Neighbourhoods>();

        Assert.Same(neighbourhoods, app.Services.GetRequiredService<Neighbourhoods>());
        Assert.Equal(City.All.Select(n => n.Id), neighbourhoods.All.Select(n => n.Id));
        Assert.Equal(File.ReadAllText(GeoJsonPath), neighbourhoods.GeoJson);
    }

    private static TheoryDataRow<double, double, string> Place(string place, double latitude, double longitude, string neighbourhood) =>
        new(latitude, longitude, neighbourhood) { Label = place };

    private static TheoryDataRow<double, double> Elsewhere(string place, double latitude, double longitude) =>
        new(latitude, longitude) { Label = place };

    private static IEnumerable<Position> Vertices(Neighbourhood neighbourhood) =>
        neighbourhood.Polygons.SelectMany(p => p.Rings).SelectMany(ring => ring.Skip(1));

    private static List<(string Neighbourhood, Position From, Position To)> Edges() =>
        [.. City.All.SelectMany(n => n.Polygons.SelectMany(p => p.Rings).SelectMany(ring => ring.Zip(ring.Skip(1), (a, b) => (n.Id, a, b))))];

    /// <summary>The shoelace area in square degrees: positive when the ring runs counter-clockwise.</summary>
    private static double SignedArea(IReadOnlyList<Position> ring) =>
        ring.Zip(ring.Skip(1), (a, b) => (a.Longitude * b.Latitude) - (b.Longitude * a.Latitude)).Sum() / 2;

    private static bool IntersectsItself(List<Position> ring)
    {
        var segments = ring.Zip(ring.Skip(1)).ToList();
        for (var i = 0; i < segments.Count; i++)
        {
            for (var j = i + 2; j < segments.Count; j++)
            {
                var adjacent = i == 0 && j == segments.Count - 1;
                if (!adjacent && Touch(segments[i].First, segments[i].Second, segments[j].First, segments[j].Second))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Touch(Position a, Position b, Position c, Position d)
    {
        int o1 = Turn(a, b, c), o2 = Turn(a, b, d), o3 = Turn(c, d, a), o4 = Turn(c, d, b);
        return (o1 != o2 && o3 != o4)
            || (o1 == 0 && LiesOn(c, a, b)) || (o2 == 0 && LiesOn(d, a, b))
            || (o3 == 0 && LiesOn(a, c, d)) || (o4 == 0 && LiesOn(b, c, d));
    }

    private static int Turn(Position a, Position b, Position c)
    {
        var cross = ((b.Longitude - a.Longitude) * (c.Latitude - a.Latitude)) - ((b.Latitude - a.Latitude) * (c.Longitude - a.Longitude));
        return Math.Abs(cross) < 1e-14 ? 0 : Math.Sign(cross);
    }

    private static bool LiesOn(Position p, Position a, Position b) =>
        Turn(a, b, p) == 0
        && p.Longitude >= Math.Min(a.Longitude, b.Longitude) && p.Longitude <= Math.Max(a.Longitude, b.Longitude)
        && p.Latitude >= Math.Min(a.Latitude, b.Latitude) && p.Latitude <= Math.Max(a.Latitude, b.Latitude);

    /// <summary>In degrees, from a point to the nearest point of a segment.</summary>
    private static double Distance(Position p, Position a, Position b)
    {
        double dx = b.Longitude - a.Longitude, dy = b.Latitude - a.Latitude;
        var t = Math.Clamp((((p.Longitude - a.Longitude) * dx) + ((p.Latitude - a.Latitude) * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
        return Math.Sqrt(Math.Pow(p.Longitude - a.Longitude - (t * dx), 2) + Math.Pow(p.Latitude - a.Latitude - (t * dy), 2));
    }

    private static string WriteTemporary(string geoJson)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wijkwacht-{Guid.NewGuid():N}.geojson");
        File.WriteAllText(path, geoJson);
        return path;
    }
}
