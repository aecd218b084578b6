using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Wijkwacht.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on a free loopback port that stands in for a remote service (Service Bus, a partner's
/// webhook): it records every request and answers with the scripted responses in turn, then 201 Created.
/// </summary>
internal sealed class RecordingListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<(HttpStatusCode Status, string? RetryAfter)> _script = new();
    private readonly List<RecordedRequest> _requests = [];

    private RecordingListener(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.Single());

    /// <summary>Answers every request that has no scripted answer with this status (201 unless changed).</summary>
    public HttpStatusCode DefaultStatus { get; set; } = HttpStatusCode.Created;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<RecordingListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var listener = new RecordingListener(builder.Build());
        listener._app.Run(listener.RecordAsync);
        await listener._app.StartAsync();
        return listener;
    }

    /// <summary>Answers the next request with this status instead of 201.</summary>
    public void Then(HttpStatusCode status, string? retryAfter = null)
    {
        lock (_requests)
        {
            _script.Enqueue((status, retryAfter));
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task RecordAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray());

        (HttpStatusCode Status, string? RetryAfter) answer;
        lock (_requests)
        {
            _requests.Add(request);
            answer = _script.TryDequeue(out var scripted) ? scripted : (DefaultStatus, null);
        }

        context.Response.StatusCode = (int)answer.Status;
        if (answer.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = answer.RetryAfter;
        }
    }
}

internal sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body);
