using Microsoft.Extensions.Options;
using Wijkwacht.Messaging;

namespace Wijkwacht.Scheduling;

/// <summary>
/// The timer function's work: every step that is due becomes a queue message, then leaves the index. A crash
/// between the two sends the step again on the next sweep, which the step handlers take in their stride.
/// </summary>
internal sealed class FollowUpSweep(FollowUpSchedule schedule, IMessageSender sender, IOptions<Queues> queues, IOptions<SchedulingOptions> options, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var dispatched = 0;
        await foreach (var step in schedule.DueAsync(time.GetUtcNow(), options.Value.SweepBatchSize, cancellationToken))
        {
            await sender.SendAsync(queues.Value.FollowUpQueue, step.RowKey, new FollowUpStepMessage(step.Kind, step.TargetId, step.Step, step.DueAt),
                MessagesJsonContext.Default.FollowUpStepMessage, cancellationToken);
            await schedule.RemoveAsync(step, cancellationToken);
            dispatched++;
        }

        return dispatched;
    }
}
