namespace Wijkwacht.Webhooks;

internal enum WebhookStatus
{
    Pending,
    Delivered,
    Dead,
}

/// <summary>One event for one partner's webhook, tried until it is delivered or given up.</summary>
internal sealed record WebhookDelivery(
    string Id,
    string PartnerId,
    Uri Url,
    string Event,
    string Payload,
    DateTimeOffset CreatedAt,
    WebhookStatus Status = WebhookStatus.Pending,
    int Attempts = 0,
    DateTimeOffset? LastAttemptAt = null,
    string? LastError = null);

internal sealed class WebhookOptions
{
    /// <summary>Attempts before a delivery is given up and listed as a dead letter.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait after the first failed attempt; each later wait is four times the one before.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryDelayAfter(int attempt) => FirstRetryDelay * Math.Pow(4, attempt - 1);
}
