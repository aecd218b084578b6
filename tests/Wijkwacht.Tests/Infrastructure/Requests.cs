namespace Wijkwacht.Tests.Infrastructure;

public static class Requests
{
    /// <summary>A valid observation in the centre of Brussels, observed a few minutes before the given time.</summary>
    public static Dictionary<string, object?> Observation(Guid? id = null, string category = "illegal-dumping", DateTimeOffset? now = null) => new()
    {
        ["id"] = id ?? Guid.NewGuid(),
        ["category"] = category,
        ["latitude"] = 50.8466,
        ["longitude"] = 4.3528,
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
