namespace Wijkwacht.Tests.Infrastructure;

public static class Requests
{
    private static int _spots;

    /// <summary>
    /// A valid observation in the centre of Brussels, observed a few minutes before the given time. Each one is
    /// at its own spot, at least 78 m from the others, so observations are only taken for the same problem (and
    /// joined into one dossier) when a test puts them together on purpose.
    /// </summary>
    public static Dictionary<string, object?> Observation(Guid? id = null, string category = "illegal-dumping", DateTimeOffset? now = null)
    {
        var spot = Interlocked.Increment(ref _spots);
        // A 20 × 10 grid, 78 m by 105 m apart, inside the Pentagon.
        return Observation(id, category, now, 50.8420 + (spot % 20 * 0.0007), 4.3460 + (spot / 20 % 10 * 0.0015));
    }

    public static Dictionary<string, object?> Observation(Guid? id, string category, DateTimeOffset? now, double latitude, double longitude) => new()
    {
        ["id"] = id ?? Guid.NewGuid(),
        ["category"] = category,
        ["latitude"] = latitude,
        ["longitude"] = longitude,
        ["description"] = "Zakken huisvuil naast de glasbak / sacs poubelle à côté de la bulle à verre",
        ["observedAt"] = (now ?? DateTimeOffset.UtcNow).AddMinutes(-5).ToOffset(TimeSpan.FromHours(1)),
    };

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
