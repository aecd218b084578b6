using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Identity;
using Wijkwacht.Scheduling;

namespace Wijkwacht.Webhooks;

internal sealed record DeadLetter(string DeliveryId, string PartnerId, string Event, Uri Url, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? GivenUpAt, string? LastError);

internal sealed record DeadLetterList(IReadOnlyList<DeadLetter> Items);

internal static class WebhooksApi
{
    private const int MaxListed = 500;

    public static void AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks");
        builder.Services.AddSingleton<WebhookStore>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddStepHandler<WebhookDispatcher>(WebhookDispatcher.StepKind, (webhooks, step, ct) => webhooks.AttemptAsync(step.TargetId, step.Step, ct));
        // A partner's URL is data: never follow its redirects elsewhere, and (outside Development, where tests
        // listen on the loopback) never connect to anything but a public address.
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectCallback = development ? null : PublicNetwork.ConnectAsync,
            });
    }

    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/webhooks/dead-letters", ListDeadLetters).WithName(nameof(ListDeadLetters)).WithTags("Partners").RequireAuthorization(Policies.ManagePartners);
    }

    /// <summary>Webhook deliveries given up after their last attempt, newest first.</summary>
    private static async Task<Ok<DeadLetterList>> ListDeadLetters(WebhookStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new DeadLetterList([.. (await store.DeadLettersAsync(MaxListed, cancellationToken))
            .Select(d => new DeadLetter(d.Id, d.PartnerId, d.Event, d.Url, d.Attempts, d.CreatedAt, d.LastAttemptAt, d.LastError))]));
}
