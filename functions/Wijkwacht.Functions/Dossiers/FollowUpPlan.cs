using Microsoft.Extensions.Options;
using Wijkwacht.FollowUp;
using Wijkwacht.Partners;
using Wijkwacht.Time;

namespace Wijkwacht.Dossiers;

/// <summary>
/// What happens when a partner misses a deadline: a reminder at the deadline, a second reminder, then an
/// escalation to the coordinator and the neighbourhood team. The deadlines come from the partner's service level
/// for the category, counted in Belgian working days.
/// </summary>
internal sealed class FollowUpPlan(WorkingDays workingDays, IOptions<FollowUpOptions> options)
{
    public const int Steps = 3;

    public static bool IsEscalation(int step) => step == Steps;

    public static string Kind(Deadline deadline) =>
        deadline == Deadline.Acknowledgement ? FollowUpKinds.Acknowledgement : FollowUpKinds.Resolution;

    public (DateTimeOffset AcknowledgeBy, DateTimeOffset ResolveBy) DeadlinesFor(DateTimeOffset forwardedAt, ServiceLevel level) =>
        options.Value.ReminderDelay is { } delay
            ? (forwardedAt + delay, forwardedAt + (delay * 2))
            : (workingDays.AddWorkingDays(forwardedAt, level.AcknowledgeWithinWorkingDays), workingDays.AddWorkingDays(forwardedAt, level.ResolveWithinWorkingDays));

    /// <summary>
    /// When step <paramref name="step"/> follows the step before it, which fell due at <paramref name="previousDue"/>:
    /// after the partner's own gaps for the category where its service level has them, else the municipality's.
    /// </summary>
    public DateTimeOffset NextStepAt(DateTimeOffset previousDue, int step, ServiceLevel level) =>
        options.Value.ReminderDelay is { } delay
            ? previousDue + delay
            : workingDays.AddWorkingDays(previousDue, IsEscalation(step)
                ? level.EscalateAfterWorkingDays ?? options.Value.EscalateAfterWorkingDays
                : level.SecondReminderAfterWorkingDays ?? options.Value.SecondReminderAfterWorkingDays);
}
