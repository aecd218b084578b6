using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Wijkwacht.Audit;
using Wijkwacht.Messaging;
using Wijkwacht.Partners;
using Wijkwacht.Scheduling;

namespace Wijkwacht.Webhooks;

/// <summary>
/// Delivers events to partners' webhooks: a JSON POST signed with HMAC-SHA256 over "{timestamp}.{body}" with the
/// partner's secret, tried again with growing waits through the follow-up timers, and given up to the dead
/// letters after the last attempt. Delivery is at least once: receivers drop repeats by the delivery id header.
/// </summary>
internal sealed class WebhookDispatcher(
    WebhookStore store,
    PartnerStore partners,
    FollowUpSchedule schedule,
    IMessageSender sender,
    IOptions<Queues> queues,
    IOptions<WebhookOptions> options,
    IOptions<SchedulingOptions> scheduling,
    IHttpClientFactory httpClients,
    AuditTrail audit,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    /// <summary>The scheduled step of one delivery attempt.</summary>
    public const string StepKind = "webhook-delivery";
    public const string HttpClientName = "webhooks";
    public const string SignatureHeader = "X-Wijkwacht-Signature";
    public const string TimestampHeader = "X-Wijkwacht-Timestamp";
    public const string DeliveryHeader = "X-Wijkwacht-Delivery";
    public const string EventHeader = "X-Wijkwacht-Event";

    /// <summary>Records the delivery and starts its first attempt. Enqueuing the same delivery id again adds nothing.</summary>
    public async Task EnqueueAsync(string deliveryId, Partner partner, string eventName, string payload, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.AddAsync(new WebhookDelivery(deliveryId, partner.Id, partner.WebhookUrl!, eventName, payload, now), cancellationToken);
        // The first attempt goes out at once; the due step is the safety net should the message be lost.
        await schedule.ArmAsync(StepKind, deliveryId, 1, now + scheduling.Value.ForwardingCheckDelay, cancellationToken);
        try
        {
            await sender.SendAsync(queues.Value.FollowUpQueue, $"{deliveryId}-1", new FollowUpStepMessage(StepKind, deliveryId, 1, now),
                MessagesJsonContext.Default.FollowUpStepMessage, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Webhook delivery {DeliveryId} not queued; its follow-up step will start it.", deliveryId);
        }
    }

    /// <summary>Makes attempt <paramref name="attempt"/> of a delivery, unless that attempt was made already.</summary>
    public async Task<string> AttemptAsync(string deliveryId, int attempt, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(deliveryId, cancellationToken) is not { } stored)
        {
            return "no such delivery";
        }

        var delivery = stored.Delivery;
        if (delivery.Status != WebhookStatus.Pending || delivery.Attempts >= attempt)
        {
            return $"attempt {attempt} not needed, the delivery is {delivery.Status} after {delivery.Attempts} attempts";
        }

        var secret = (await partners.GetAsync(delivery.PartnerId, cancellationToken))?.WebhookSecret;
        var error = secret is null ? "The partner has no webhook any more." : await PostAsync(delivery, secret, cancellationToken);
        var now = time.GetUtcNow();
        var status = error is null ? WebhookStatus.Delivered
            : attempt >= options.Value.MaxAttempts || secret is null ? WebhookStatus.Dead
            : WebhookStatus.Pending;
        var next = delivery with { Status = status, Attempts = attempt, LastAttemptAt = now, LastError = error };
        if (!await store.SaveAsync(next, stored.ETag, cancellationToken))
        {
            return "changed meanwhile";
        }

        if (status == WebhookStatus.Pending)
        {
            await schedule.ArmAsync(StepKind, deliveryId, attempt + 1, now + options.Value.RetryDelayAfter(attempt), cancellationToken);
        }
        else if (status == WebhookStatus.Dead)
        {
            logger.LogError("Webhook delivery {DeliveryId} to partner {PartnerId} given up after {Attempts} attempts: {Error}", deliveryId, delivery.PartnerId, attempt, error);
            await audit.RecordAsync(AuditEntity.Partner, delivery.PartnerId, "webhook-given-up", AuditActor.System, new { deliveryId, attempts = attempt, error }, cancellationToken);
        }

        return $"attempt {attempt}: {status}";
    }

    /// <summary>The signature a receiver recomputes: "sha256=" + hex HMAC-SHA256 of "{timestamp}.{body}", keyed with the secret's UTF-8 bytes.</summary>
    public static string Signature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <returns>null when the partner answered 2xx; otherwise what went wrong.</returns>
    private async Task<string?> PostAsync(WebhookDelivery delivery, string secret, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Signature(secret, timestamp, delivery.Payload));
        request.Headers.Add(DeliveryHeader, delivery.Id);
        request.Headers.Add(EventHeader, delivery.Event);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return exception is TaskCanceledException ? "The webhook did not answer in time." : $"The webhook could not be reached: {exception.Message}";
        }
    }
}
