using System.Security.Cryptography;
using Wijkwacht.Observations;
using Wijkwacht.Problems;

namespace Wijkwacht.Dossiers;

public enum DossierStatus
{
    New,
    Forwarded,
    Acknowledged,
    InProgress,
    Resolved,
    Rejected,
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
        [DossierStatus.Forwarded] = [DossierStatus.Acknowledged, DossierStatus.Resolved, DossierStatus.Rejected],
        [DossierStatus.Acknowledged] = [DossierStatus.InProgress, DossierStatus.Resolved, DossierStatus.Rejected],
        [DossierStatus.InProgress] = [DossierStatus.Resolved, DossierStatus.Rejected],
        [DossierStatus.Resolved] = [],
        [DossierStatus.Rejected] = [],
    };

    public required string Id { get; init; }

    public required string Category { get; init; }

    public required string PartnerId { get; init; }

    public required IReadOnlyList<Guid> ObservationIds { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DossierStatus Status { get; init; }

    public DateTimeOffset? ForwardedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? RejectionReason { get; init; }

    public int AcknowledgementReminders { get; init; }

    public bool AwaitsAcknowledgement => Status == DossierStatus.Forwarded;

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
        Status = DossierStatus.New,
    };

    public Dossier MarkForwarded(DateTimeOffset now) => MoveTo(DossierStatus.Forwarded, now) with { ForwardedAt = now };

    public Dossier RecordAcknowledgementReminder(int step)
    {
        if (!AwaitsAcknowledgement || step != AcknowledgementReminders + 1)
        {
            throw new DomainRuleException("Reminder out of order.", $"Reminder {step} does not follow {AcknowledgementReminders} reminders of a {Status} dossier.");
        }

        return this with { AcknowledgementReminders = step };
    }

    public Dossier MoveTo(DossierStatus target, DateTimeOffset now, string? reason = null)
    {
        if (!AllowedTransitions[Status].Contains(target))
        {
            throw new DomainRuleException("Illegal dossier transition.", $"A dossier that is {Status} cannot become {target}.");
        }

        if (target == DossierStatus.Rejected && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("A reason is required.", "Say why the dossier is rejected.", StatusCodes.Status422UnprocessableEntity);
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
