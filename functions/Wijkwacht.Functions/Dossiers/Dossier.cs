using System.Security.Cryptography;
using Wijkwacht.Observations;
using Wijkwacht.Problems;

namespace Wijkwacht.Dossiers;

/// <summary>The two promises a partner makes on a dossier, each followed up on its own.</summary>
internal enum Deadline
{
    Acknowledgement,
    Resolution,
}

public enum DossierStatus
{
    New,
    Forwarded,
    Acknowledged,
    InProgress,
    Resolved,
    Rejected,
    Reassigned,

    /// <summary>A coordinator reopened a resolved or rejected dossier: it waits to be forwarded anew to its partner.</summary>
    Reopened,

    /// <summary>Merged into another dossier (<see cref="Dossier.MergedInto"/>), which carries on: read-only.</summary>
    Merged,
}

/// <summary>
/// A case handed to a partner service, followed until it is handled. Immutable: the guarded methods below
/// return the dossier after the change, and refuse an illegal transition.
/// </summary>
internal sealed record Dossier
{
    private static readonly Dictionary<DossierStatus, DossierStatus[]> AllowedTransitions = new()
    {
        [DossierStatus.New] = [DossierStatus.Forwarded],
        [DossierStatus.Forwarded] = [DossierStatus.Acknowledged, DossierStatus.Resolved, DossierStatus.Rejected, DossierStatus.Reassigned],
        [DossierStatus.Acknowledged] = [DossierStatus.InProgress, DossierStatus.Resolved, DossierStatus.Rejected, DossierStatus.Reassigned],
        [DossierStatus.InProgress] = [DossierStatus.Resolved, DossierStatus.Rejected, DossierStatus.Reassigned],
        [DossierStatus.Reassigned] = [DossierStatus.Forwarded],
        [DossierStatus.Resolved] = [DossierStatus.Reopened],
        [DossierStatus.Rejected] = [DossierStatus.Reopened],
        [DossierStatus.Reopened] = [DossierStatus.Forwarded],
        [DossierStatus.Merged] = [],
    };

    public required string Id { get; init; }

    public required string Category { get; init; }

    public required string PartnerId { get; init; }

    public required IReadOnlyList<Guid> ObservationIds { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The neighbourhood of the first observation: whose team meeting an escalation goes to.</summary>
    public string? NeighbourhoodId { get; init; }

    public DossierStatus Status { get; init; }

    public DateTimeOffset? ForwardedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? RejectionReason { get; init; }

    /// <summary>When the partner promised to acknowledge (its service level, in working days).</summary>
    public DateTimeOffset? AcknowledgeBy { get; init; }

    /// <summary>When the partner promised to resolve.</summary>
    public DateTimeOffset? ResolveBy { get; init; }

    /// <summary>Follow-up steps taken for each deadline: reminders, then the escalation (see FollowUpPlan).</summary>
    public int AcknowledgementFollowUps { get; init; }

    /// <summary>How often the dossier was forwarded: once, plus once per reassignment.</summary>
    public int Forwardings { get; init; }

    /// <summary>Names what was sent for the current forwarding (mails, webhook deliveries), so a reassignment sends anew.</summary>
    public string SendKey => Forwardings <= 1 ? Id : $"{Id}-{Forwardings}";

    public int ResolutionFollowUps { get; init; }

    /// <summary>Escalated to the coordinator and the neighbourhood team: a flag, not a status.</summary>
    public bool Escalated { get; init; }

    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>The dossier this one was merged into, when it is <see cref="DossierStatus.Merged"/>.</summary>
    public string? MergedInto { get; init; }

    public bool AwaitsAcknowledgement => Status == DossierStatus.Forwarded;

    /// <summary>Still being handled: new observations of the same problem join it.</summary>
    public bool IsOpen => Status is not (DossierStatus.Resolved or DossierStatus.Rejected or DossierStatus.Merged);

    /// <summary>Adds an observation of the same problem. Adding one that is there already changes nothing.</summary>
    public Dossier Link(Guid observationId)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException(ErrorCodes.DossierClosed, "Dossier closed.", $"A {Status} dossier takes no new observations.");
        }

        return ObservationIds.Contains(observationId) ? this : this with { ObservationIds = [.. ObservationIds, observationId] };
    }

    public bool Awaits(Deadline deadline) => deadline == Deadline.Acknowledgement
        ? Status == DossierStatus.Forwarded
        : Status is DossierStatus.Forwarded or DossierStatus.Acknowledged or DossierStatus.InProgress;

    public int FollowUpsDone(Deadline deadline) =>
        deadline == Deadline.Acknowledgement ? AcknowledgementFollowUps : ResolutionFollowUps;

    /// <summary>The statuses this dossier may move to next.</summary>
    public IReadOnlyList<DossierStatus> NextStatuses => AllowedTransitions[Status];

    /// <summary>The dossier id of an observation's own dossier: derived, so a redelivered forward finds it again.</summary>
    public static string IdFor(Guid observationId) =>
        new Guid(SHA256.HashData(observationId.ToByteArray()).AsSpan(0, 16)).ToString();

    public static Dossier Open(Observation first, string partnerId, DateTimeOffset now) => new()
    {
        Id = IdFor(first.Id),
        Category = first.Category,
        PartnerId = partnerId,
        ObservationIds = [first.Id],
        CreatedAt = now,
        NeighbourhoodId = first.NeighbourhoodId,
        Status = DossierStatus.New,
    };

    public Dossier MarkForwarded(DateTimeOffset now, DateTimeOffset acknowledgeBy, DateTimeOffset resolveBy) =>
        MoveTo(DossierStatus.Forwarded, now) with { ForwardedAt = now, AcknowledgeBy = acknowledgeBy, ResolveBy = resolveBy, Forwardings = Forwardings + 1 };

    /// <summary>A coordinator gives the dossier to another partner: it is forwarded anew, its follow-up starts over.</summary>
    public Dossier Reassign(string partnerId, DateTimeOffset now)
    {
        if (partnerId == PartnerId)
        {
            throw new DomainRuleException(ErrorCodes.SamePartner, "Same partner.", $"The dossier is already with {partnerId}.", StatusCodes.Status422UnprocessableEntity);
        }

        return MoveTo(DossierStatus.Reassigned, now) with
        {
            PartnerId = partnerId,
            AcknowledgeBy = null,
            ResolveBy = null,
            AcknowledgedAt = null,
            AcknowledgementFollowUps = 0,
            ResolutionFollowUps = 0,
        };
    }

    /// <summary>
    /// A coordinator reopens a resolved or rejected dossier, saying why: it goes back to the same partner as a new
    /// forwarding (new deadlines from its service level, reminders and escalation start over).
    /// </summary>
    public Dossier Reopen(string? reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException(ErrorCodes.ReasonRequired, "A reason is required.", "Say why the dossier is reopened.", StatusCodes.Status422UnprocessableEntity);
        }

        return MoveTo(DossierStatus.Reopened, now) with
        {
            ClosedAt = null,
            RejectionReason = null,
            AcknowledgeBy = null,
            ResolveBy = null,
            AcknowledgedAt = null,
            AcknowledgementFollowUps = 0,
            ResolutionFollowUps = 0,
            Escalated = false,
            EscalatedAt = null,
            Reopenings = Reopenings + 1, // a reporter's answer about the earlier resolution no longer reopens it
        };
    }

    /// <summary>
    /// This dossier is the same problem as <paramref name="survivor"/>, which carries on with its observations and
    /// history: this one becomes read-only, pointing at it. Merging into itself, into a merged or a closed dossier
    /// (which also rules out a cycle: a dossier merged into this one is merged), or merging twice is refused.
    /// </summary>
    public Dossier MergeInto(Dossier survivor)
    {
        if (survivor.Id == Id)
        {
            throw new DomainRuleException(ErrorCodes.MergeIntoItself, "Cannot merge a dossier into itself.", "Choose another dossier to merge into.");
        }

        if (Status == DossierStatus.Merged)
        {
            throw new DomainRuleException(ErrorCodes.DossierMerged, "Dossier merged already.", $"This dossier was merged into {DossierFacts.ReferenceOf(MergedInto!)}.");
        }

        if (survivor.Status == DossierStatus.Merged)
        {
            throw new DomainRuleException(ErrorCodes.DossierMerged, "Cannot merge into a merged dossier.", $"That dossier was merged into {DossierFacts.ReferenceOf(survivor.MergedInto!)}; merge into that one.");
        }

        if (!survivor.IsOpen)
        {
            throw new DomainRuleException(ErrorCodes.MergeIntoClosed, "Cannot merge into a closed dossier.", $"That dossier is {survivor.Status}; reopen it first or merge the other way round.");
        }

        return this with { Status = DossierStatus.Merged, MergedInto = survivor.Id };
    }

    /// <summary>The survivor of a merge takes the merged dossier's observations (those it has already stay once).</summary>
    public Dossier Absorb(Dossier merged) =>
        merged.ObservationIds.Aggregate(this, (dossier, observationId) => dossier.Link(observationId));

    /// <summary>The id of the dossier an observation is split off into: derived, so a retried split finds it again.</summary>
    public static string SplitIdFor(Guid observationId, string fromDossierId) =>
        new Guid(SHA256.HashData([.. observationId.ToByteArray(), .. System.Text.Encoding.UTF8.GetBytes(fromDossierId)]).AsSpan(0, 16)).ToString();

    /// <summary>An observation turns out to be another problem: it leaves, to be forwarded in a dossier of its own.</summary>
    public Dossier Detach(Guid observationId)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException(Status == DossierStatus.Merged ? ErrorCodes.DossierMerged : ErrorCodes.DossierClosed, "Dossier closed.", $"Observations of a {Status} dossier stay where they are.");
        }

        if (ObservationIds is [var only] && only == observationId)
        {
            throw new DomainRuleException(ErrorCodes.OnlyObservation, "The dossier's only observation.", "A dossier keeps at least one observation: splitting off its only one would leave it empty.");
        }

        return this with { ObservationIds = [.. ObservationIds.Where(o => o != observationId)] };
    }

    /// <summary>Records follow-up step <paramref name="step"/> of a deadline; the last step escalates the dossier.</summary>
    public Dossier RecordFollowUp(Deadline deadline, int step, DateTimeOffset now)
    {
        if (!Awaits(deadline) || step != FollowUpsDone(deadline) + 1 || step > FollowUpPlan.Steps)
        {
            throw new DomainRuleException(ErrorCodes.FollowUpOutOfOrder, "Follow-up out of order.", $"Step {step} of the {deadline} follow-up does not fit a {Status} dossier after {FollowUpsDone(deadline)} steps.");
        }

        var followed = deadline == Deadline.Acknowledgement
            ? this with { AcknowledgementFollowUps = step }
            : this with { ResolutionFollowUps = step };
        return FollowUpPlan.IsEscalation(step) ? followed with { Escalated = true, EscalatedAt = EscalatedAt ?? now } : followed;
    }

    /// <summary>How often a reporter's "not fixed" took the dossier up again after it was resolved.</summary>
    public int Reopenings { get; init; }

    /// <summary>
    /// A resolved dossier is taken up again by the same partner: in progress, no longer closed. Kept out of the
    /// transition table because only the reporter's answer may do it, never a partner's action; a coordinator
    /// reopens with a reason through <see cref="Reopen(string?, DateTimeOffset)"/> (a new forwarding).
    /// </summary>
    public Dossier Reopen()
    {
        if (Status != DossierStatus.Resolved)
        {
            throw new DomainRuleException(ErrorCodes.IllegalTransition, "Illegal dossier transition.", $"Only a resolved dossier can be reopened; this one is {Status}.");
        }

        return this with { Status = DossierStatus.InProgress, ClosedAt = null, Reopenings = Reopenings + 1 };
    }

    public Dossier MoveTo(DossierStatus target, DateTimeOffset now, string? reason = null)
    {
        if (!AllowedTransitions[Status].Contains(target))
        {
            throw new DomainRuleException(ErrorCodes.IllegalTransition, "Illegal dossier transition.", $"A dossier that is {Status} cannot become {target}.");
        }

        if (target == DossierStatus.Rejected && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException(ErrorCodes.ReasonRequired, "A reason is required.", "Say why the dossier is rejected.", StatusCodes.Status422UnprocessableEntity);
        }

        return this with
        {
            Status = target,
            AcknowledgedAt = target == DossierStatus.Acknowledged ? now : AcknowledgedAt,
            ClosedAt = target is DossierStatus.Resolved or DossierStatus.Rejected ? now : ClosedAt,
            RejectionReason = target == DossierStatus.Rejected ? reason!.Trim() : RejectionReason,
        };
    }
}
