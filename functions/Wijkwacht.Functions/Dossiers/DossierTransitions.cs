using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Observations;

namespace Wijkwacht.Dossiers;

internal enum TransitionOutcome
{
    Done,
    NotFound,
    ChangedMeanwhile,
    KeepsChanging,
}

/// <summary>
/// A status change asked for by a person (a coordinator, or a partner through their link). With an expected
/// version the change is refused when someone else changed the dossier since (never overwritten); without one
/// it applies to the latest version, if the transition is still legal there. A reassignment is
/// <see cref="DossierReassignment"/>'s.
/// </summary>
internal sealed class DossierTransitions(DossierStore dossiers, AuditTrail audit, TimeProvider time)
{
    private const int Attempts = 3;

    public Task<(TransitionOutcome Outcome, StoredDossier? Dossier)> MoveAsync(
        string id, DossierStatus target, string? note, AuditActor actor, string? expectedETag, CancellationToken cancellationToken, Guid? photo = null) =>
        ChangeAsync(id, (dossier, now) => dossier.MoveTo(target, now, note), note, actor, expectedETag, cancellationToken, photo);

    private async Task<(TransitionOutcome Outcome, StoredDossier? Dossier)> ChangeAsync(
        string id, Func<Dossier, DateTimeOffset, Dossier> change, string? note, AuditActor actor, string? expectedETag, CancellationToken cancellationToken, Guid? photo = null)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = await dossiers.GetAsync(id, cancellationToken);
            if (stored is null)
            {
                return (TransitionOutcome.NotFound, null);
            }

            if (expectedETag is not null && expectedETag != stored.ETag.ToString())
            {
                return (TransitionOutcome.ChangedMeanwhile, stored);
            }

            var now = time.GetUtcNow();
            var changed = change(stored.Dossier, now);
            var transition = DossierEvent.Transition(stored.Dossier.Status, changed.Status, actor.Id, now, note, photo);
            if (await dossiers.SaveAsync(changed, stored.ETag, [transition], cancellationToken))
            {
                await audit.RecordAsync(AuditEntity.Dossier, id, "transition", actor, new { from = stored.Dossier.Status, to = changed.Status, note, photo, partnerId = changed.PartnerId }, cancellationToken);
                return (TransitionOutcome.Done, await dossiers.GetAsync(id, cancellationToken));
            }

            if (expectedETag is not null)
            {
                return (TransitionOutcome.ChangedMeanwhile, null);
            }
        }

        return (TransitionOutcome.KeepsChanging, null);
    }
}
