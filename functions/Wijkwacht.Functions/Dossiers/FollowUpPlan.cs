using Microsoft.Extensions.Options;
using Wijkwacht.Partners;
using Wijkwacht.Time;

namespace Wijkwacht.Dossiers;

/// <summary>The municipality's follow-up rules for partners' deadlines (section FollowUp, like the scheduler's).</summary>
internal sealed class FollowUpOptions
{
    /// <summary>
    /// For demos and tests only: when set, the deadlines and the gaps between follow-up steps are this long
    /// instead of the partners' service levels in working days. Leave it empty in production.
    /// </summary>
    public TimeSpan? ReminderDelay { get; set; }

    /// <summary>Working days between the first reminder (at the deadline) and the second.</summary>
    public int SecondReminderAfterWorkingDays { get; set; } = 1;

    /// <summary>Working days between the second reminder and the escalation.</summary>
    public int EscalateAfterWorkingDays { get; set; } = 1;

    /// <summary>Where escalations go: the coordination of the wardens / prevention service.</summary>
    public string CoordinatorEmail { get; set; } = "coordinatie@example.brussels";
}

/// <summary>The kinds of scheduled step a dossier's deadlines arm.</summary>
internal static class DossierStepKinds
{
    public const string Acknowledgement = "acknowledgement";
    public const string Resolution = "resolution";
}

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
        deadline == Deadline.Acknowledgement ? DossierStepKinds.Acknowledgement : DossierStepKinds.Resolution;

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
