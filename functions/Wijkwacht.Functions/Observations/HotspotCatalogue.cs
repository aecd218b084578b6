using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wijkwacht.Observations;

/// <summary>A named place the coordinator watches (Data/hotspots.json).</summary>
internal sealed record Hotspot(string Id, IReadOnlyDictionary<string, string> Name, double Latitude, double Longitude, double RadiusMeters, string NeighbourhoodId);

internal sealed class HotspotCatalogue(IReadOnlyList<Hotspot> hotspots)
{
    public IReadOnlyList<Hotspot> All => hotspots;

    public Hotspot? Find(string id) => hotspots.FirstOrDefault(h => h.Id == id);

    public static HotspotCatalogue Load(string path)
    {
        using var stream = File.OpenRead(path);
        return new HotspotCatalogue(JsonSerializer.Deserialize(stream, HotspotJsonContext.Default.HotspotFile)?.Hotspots ?? []);
    }
}

internal sealed record HotspotFile(IReadOnlyList<Hotspot> Hotspots);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HotspotFile))]
internal sealed partial class HotspotJsonContext : JsonSerializerContext;
