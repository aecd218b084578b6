using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Observations;

namespace Wijkwacht.Dossiers;

/// <summary>
/// A coordinator reopens a resolved or rejected dossier, with a reason: it goes back to the same partner as a new
/// forwarding, so the partner gets a new mail and link and the follow-up (deadlines, reminders, escalation) starts over.
///
/// Two steps, each finished by a retry: (1) the dossier becomes "reopened" (ETag-guarded, the reason in the
/// timeline); (2) the forwarding is requested (its own check forwards even if the message is lost, and the
/// forwarding claims its mail before sending it: sent once). A request that finds the dossier still "reopened"
/// does step 2 again; one that finds it forwarded again right after a reopening answers with it.
/// </summary>
internal sealed class DossierReopening(DossierStore dossiers, ForwardingRequests forwarding, AuditTrail audit, TimeProvider time)
{
    private static readonly string ReopenedKeySuffix = $"-{DossierStatus.Reopened}";

    public async Task<(TransitionOutcome Outcome, StoredDossier? Dossier)> ReopenAsync(
        string id, string? reason, AuditActor actor, string? expectedETag, CancellationToken cancellationToken)
    {
        if (await dossiers.GetAsync(id, cancellationToken) is not { } stored)
        {
            return (TransitionOutcome.NotFound, null);
        }

        if (WasJustReopened(stored))
        {
            if (stored.Dossier.Status == DossierStatus.Reopened)
            {
                await forwarding.RequestAsync(stored.Dossier.ObservationIds[0], cancellationToken); // a retry of a reopening that stopped halfway
            }

            return (TransitionOutcome.Done, await dossiers.GetAsync(id, cancellationToken));
        }

        var (outcome, started) = await StartAsync(stored, reason, actor, expectedETag, cancellationToken);
        if (outcome != TransitionOutcome.Done)
        {
            return (outcome, started);
        }

        await forwarding.RequestAsync(started!.Dossier.ObservationIds[0], cancellationToken);
        return (outcome, await dossiers.GetAsync(id, cancellationToken));
    }

    /// <summary>Step 1: the dossier becomes "reopened", the reason in its timeline.</summary>
    internal async Task<(TransitionOutcome Outcome, StoredDossier? Dossier)> StartAsync(
        StoredDossier stored, string? reason, AuditActor actor, string? expectedETag, CancellationToken cancellationToken)
    {
        if (expectedETag is not null && expectedETag != stored.ETag.ToString())
        {
            return (TransitionOutcome.ChangedMeanwhile, stored);
        }

        var now = time.GetUtcNow();
        var before = stored.Dossier;
        var reopened = before.Reopen(reason, now);
        if (!await dossiers.SaveAsync(reopened, stored.ETag, [DossierEvent.Transition(before.Status, reopened.Status, actor.Id, now, reason!.Trim())], cancellationToken))
        {
            return (TransitionOutcome.ChangedMeanwhile, null);
        }

        await audit.RecordAsync(AuditEntity.Dossier, before.Id, "reopened", actor, new { from = before.Status, reason }, cancellationToken);
        return (TransitionOutcome.Done, await dossiers.GetAsync(before.Id, cancellationToken));
    }

    /// <summary>The last status change was the reopening, or the forwarding that followed it.</summary>
    private static bool WasJustReopened(StoredDossier stored)
    {
        var transitions = stored.Events.Where(e => e.Kind == DossierEventKind.Transition).OrderBy(e => e.At).ToList();
        return stored.Dossier.Status switch
        {
            DossierStatus.Reopened => true,
            DossierStatus.Forwarded => transitions.Count > 0 && transitions[^1].Key.EndsWith(ReopenedKeySuffix, StringComparison.Ordinal),
            _ => false,
        };
    }
}
