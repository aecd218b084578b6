using Azure;

namespace Wijkwacht.Problems;

/// <summary>
/// While storage is unreachable an API request answers within a few seconds with 503 and Retry-After, instead of
/// waiting out the SDK's retries (tens of seconds per call). Only /api requests get this budget: the triggers
/// (queue messages, timers) keep the SDK's longer retries, and their own redelivery after that.
/// </summary>
internal static class RequestBudget
{
    /// <summary>How long one API request may take; well above a normal request, well below a client's patience.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public static async Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next();
            return;
        }

        var aborted = context.RequestAborted;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(Limit);
        context.RequestAborted = budget.Token;
        try
        {
            await next();
        }
        catch (OperationCanceledException exception) when (budget.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            // Out of time: the storage calls hung or kept failing. The client may try again; writes are idempotent.
            throw new DependencyUnavailableException(Dependencies.Storage, exception);
        }
        finally
        {
            context.RequestAborted = aborted;
        }
    }

    /// <summary>Whether an exception means storage could not be reached (after the SDK's own retries), not a bug of ours.</summary>
    public static bool IsStorageUnreachable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or >= 500 } => true,
        // Azure.Core's "Retry failed after N tries": every attempt failed to reach the service.
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsStorageUnreachable),
        _ => false,
    };
}
