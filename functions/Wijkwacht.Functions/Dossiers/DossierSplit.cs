using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Observations;
using Wijkwacht.Partners;

namespace Wijkwacht.Dossiers;

internal enum SplitOutcome
{
    Done,
    NotFound,
    ChangedMeanwhile,
}

/// <summary>
/// A coordinator splits an observation off a dossier: it is another problem, and goes into a dossier of its own,
/// routed and forwarded like any new one. The new dossier's id is derived from the observation and the dossier it
/// left, so a retry finds it again and never opens a second.
///
/// Steps, each finished by a retry: (1) the observation leaves the dossier, with an event naming the new dossier
/// (ETag-guarded: If-Match applies here); (2) the new dossier is opened (its id is fixed) and remembered for
/// "nearby"; (3) the observation points at it; (4) the forwarding is requested (the partner's mail is claimed on
/// the new dossier before it is sent: once). A request that finds the split event does steps 2–4 again.
/// </summary>
internal sealed class DossierSplit(
    DossierStore dossiers,
    ObservationStore observations,
    PartnerRouting routing,
    NearbyDossiers nearby,
    ForwardingRequests forwarding,
    AuditTrail audit,
    TimeProvider time)
{
    /// <returns>The outcome, and the new dossier.</returns>
    public async Task<(SplitOutcome Outcome, StoredDossier? Dossier)> SplitAsync(
        string id, Guid observationId, AuditActor actor, string? expectedETag, CancellationToken cancellationToken)
    {
        if (await dossiers.GetAsync(id, cancellationToken) is not { } stored)
        {
            return (SplitOutcome.NotFound, null);
        }

        var newId = Dossier.SplitIdFor(observationId, id);
        if (!stored.Events.Any(e => e.Kind == DossierEventKind.ObservationSplit && e.Key == observationId.ToString()))
        {
            if (!stored.Dossier.ObservationIds.Contains(observationId))
            {
                return (SplitOutcome.NotFound, null);
            }

            if (!await StartAsync(stored, observationId, newId, actor, expectedETag, cancellationToken))
            {
                return (SplitOutcome.ChangedMeanwhile, null);
            }
        }

        await FinishAsync(observationId, newId, cancellationToken);
        return (SplitOutcome.Done, await dossiers.GetAsync(newId, cancellationToken));
    }

    /// <summary>Step 1: the observation leaves the dossier.</summary>
    internal async Task<bool> StartAsync(StoredDossier stored, Guid observationId, string newId, AuditActor actor, string? expectedETag, CancellationToken cancellationToken)
    {
        if (expectedETag is not null && expectedETag != stored.ETag.ToString())
        {
            return false;
        }

        var detached = stored.Dossier.Detach(observationId);
        if (!await dossiers.SaveAsync(detached, stored.ETag, [DossierEvent.SplitOff(observationId, newId, actor.Id, time.GetUtcNow())], cancellationToken))
        {
            return false;
        }

        await audit.RecordAsync(AuditEntity.Dossier, stored.Dossier.Id, "observation-split", actor, new { observationId, into = newId }, cancellationToken);
        return true;
    }

    /// <summary>Steps 2–4, each safe to repeat.</summary>
    private async Task FinishAsync(Guid observationId, string newId, CancellationToken cancellationToken)
    {
        var observation = (await observations.GetAsync(observationId, cancellationToken))?.Observation
            ?? throw new InvalidOperationException($"Observation {observationId} vanished during a split.");
        if (await dossiers.GetAsync(newId, cancellationToken) is null)
        {
            var partner = await routing.PartnerForAsync(observation.Category, observation.NeighbourhoodId, gas: observation.Gas is not null, cancellationToken);
            var opened = Dossier.Open(observation, partner.Id, time.GetUtcNow()) with { Id = newId };
            await dossiers.CreateAsync(opened, cancellationToken);
            await nearby.RememberAsync(opened, observation, cancellationToken);
        }

        await observations.LinkDossierAsync(observationId, newId, cancellationToken);
        await forwarding.RequestAsync(observationId, cancellationToken);
    }
}
