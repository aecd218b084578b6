using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Wijkwacht.Tests.Infrastructure;

/// <summary>
/// Stands in for graph.microsoft.com as the final handler behind the Graph SDK's own pipeline (authorization,
/// retry, redirect), so what it records is what would go over the wire, retries included. Each request is answered
/// by <paramref name="answer"/>, given that request and the ones before it.
/// </summary>
internal sealed class RecordingGraph(Func<GraphRequest, IReadOnlyList<GraphRequest>, HttpResponseMessage> answer) : HttpMessageHandler
{
    private readonly List<GraphRequest> _requests = [];

    public IReadOnlyList<GraphRequest> Requests => _requests;

    public GraphServiceClient Client() =>
        new(GraphClientFactory.Create(finalHandler: this), new BaseBearerTokenAuthenticationProvider(new StaticToken()));

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, MediaTypeHeaderValue.Parse("application/json")) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = new GraphRequest(
            request.Method.Method,
            request.RequestUri!.AbsoluteUri,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase),
            request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken),
            Stopwatch.GetTimestamp());
        var response = answer(recorded, _requests);
        _requests.Add(recorded);
        // The SDK's RetryHandler replays response.RequestMessage; a real HttpClientHandler sets it, so must we.
        response.RequestMessage = request;
        return response;
    }

    private sealed class StaticToken : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new(["graph.microsoft.com"]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult("test-token");
    }
}

internal sealed record GraphRequest(string Method, string Uri, IReadOnlyDictionary<string, string> Headers, string Body, long Timestamp)
{
    /// <summary>
    /// The body's top-level properties by name regardless of case: the SDK writes some action parameters in
    /// PascalCase ("Message", "Schedules") and Graph reads names regardless of case.
    /// </summary>
    public Dictionary<string, JsonElement> Json() =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Body)!.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
}
