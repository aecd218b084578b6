using Wijkwacht.Audit;
using Wijkwacht.Mail;
using Wijkwacht.Observations;
using Wijkwacht.Partners;
using Wijkwacht.Scheduling;
using Wijkwacht.Webhooks;

namespace Wijkwacht.Dossiers;

/// <summary>
/// Puts an observation into a dossier and notifies the partner service. Every step can be repeated: a
/// redelivered message finds the same dossier, and the notification is claimed on the dossier before it is sent,
/// under a fixed mail id, so it goes out once.
/// </summary>
internal sealed class Forwarding(
    ObservationStore observations,
    DossierStore dossiers,
    PartnerRouting routing,
    PartnerStore partners,
    DossierMails mails,
    DossierWebhookPayloads webhookPayloads,
    WebhookDispatcher webhooks,
    IMailSender mailSender,
    FollowUpSchedule schedule,
    FollowUpPlan plan,
    NearbyDossiers nearby,
    DossierListeners listeners,
    AuditTrail audit,
    TimeProvider time)
{
    /// <returns>The dossier id, or null when the observation does not exist.</returns>
    public async Task<string?> ForwardAsync(Guid observationId, CancellationToken cancellationToken)
    {
        if ((await observations.GetAsync(observationId, cancellationToken))?.Observation is not { } observation)
        {
            return null;
        }

        if (observation.DossierId is null && await JoinNearbyDossierAsync(observation, cancellationToken) is { } joined)
        {
            return joined;
        }

        var dossierId = observation.DossierId ?? Dossier.IdFor(observationId);
        var stored = await dossiers.GetAsync(dossierId, cancellationToken);
        if (stored is null)
        {
            var partner = await routing.PartnerForAsync(observation.Category, observation.NeighbourhoodId, gas: observation.Gas is not null, cancellationToken);
            var opened = Dossier.Open(observation, partner.Id, time.GetUtcNow());
            if (await dossiers.CreateAsync(opened, cancellationToken))
            {
                await audit.RecordAsync(AuditEntity.Dossier, dossierId, "opened", AuditActor.System, new { partnerId = partner.Id, observationId }, cancellationToken);
            }

            await nearby.RememberAsync(opened, observation, cancellationToken);

            stored = await dossiers.GetAsync(dossierId, cancellationToken) ?? throw new InvalidOperationException($"Dossier {dossierId} vanished.");
        }

        if (observation.DossierId is null)
        {
            await observations.LinkDossierAsync(observationId, dossierId, cancellationToken);
            await audit.RecordAsync(AuditEntity.Observation, observationId.ToString(), "linked", AuditActor.System, new { dossierId }, cancellationToken);
        }

        var forwarded = await NotifyPartnerAsync(stored, observation, cancellationToken);
        await listeners.ChangedAsync(forwarded, cancellationToken);
        return dossierId;
    }

    /// <summary>
    /// Puts an observation of a problem that already has an open dossier (same category, close by, recent) into
    /// that dossier; the partner already knows. Returns null when there is no such dossier.
    /// </summary>
    private async Task<string?> JoinNearbyDossierAsync(Observation observation, CancellationToken cancellationToken)
    {
        if (await dossiers.GetAsync(Dossier.IdFor(observation.Id), cancellationToken) is not null
            || await nearby.FindOpenAsync(observation, cancellationToken) is not { } dossierId)
        {
            return null; // its own dossier exists (an earlier attempt opened it), or nothing to join
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await dossiers.GetAsync(dossierId, cancellationToken) is not { Dossier.IsOpen: true } stored)
            {
                return null;
            }

            var linked = stored.Dossier.Link(observation.Id);
            if (linked == stored.Dossier || await dossiers.SaveAsync(linked, stored.ETag, [DossierEvent.Linked(observation.Id, time.GetUtcNow())], cancellationToken))
            {
                await observations.LinkDossierAsync(observation.Id, dossierId, cancellationToken);
                if ((await partners.GetAsync(linked.PartnerId, cancellationToken))?.Partner is { } partner)
                {
                    await observations.NamePartnerAsync(observation.Id, partner.Name, cancellationToken);
                }

                await audit.RecordAsync(AuditEntity.Observation, observation.Id.ToString(), "linked", AuditActor.System, new { dossierId, sameProblem = true }, cancellationToken);
                await listeners.ChangedAsync(linked, cancellationToken);
                return dossierId;
            }
        }

        throw new InvalidOperationException($"Dossier {dossierId} kept changing while observation {observation.Id} joined it; the message will be retried.");
    }

    /// <returns>The dossier as it is after the forwarding.</returns>
    private async Task<Dossier> NotifyPartnerAsync(StoredDossier stored, Observation observation, CancellationToken cancellationToken)
    {
        var dossier = stored.Dossier;
        if (dossier.Status is not (DossierStatus.New or DossierStatus.Reassigned or DossierStatus.Reopened or DossierStatus.Forwarded))
        {
            return dossier;
        }

        var partner = (await partners.GetAsync(dossier.PartnerId, cancellationToken))?.Partner
            ?? throw new InvalidOperationException($"Dossier {dossier.Id} names partner {dossier.PartnerId}, which does not exist.");

        // The wardens' lists show who has their observations: after a forwarding or a reassignment, on every one.
        foreach (var observationId in dossier.ObservationIds)
        {
            await observations.NamePartnerAsync(observationId, partner.Name, cancellationToken);
        }
        if (dossier.Status is DossierStatus.New or DossierStatus.Reassigned or DossierStatus.Reopened)
        {
            var now = time.GetUtcNow();
            var (acknowledgeBy, resolveBy) = plan.DeadlinesFor(now, partner.ServiceLevelFor(dossier.Category));
            dossier = dossier.MarkForwarded(now, acknowledgeBy, resolveBy);
            var forwarded = dossier;
            await schedule.ArmAsync(DossierStepKinds.Acknowledgement, dossier.Id, 1, acknowledgeBy, cancellationToken);
            await schedule.ArmAsync(DossierStepKinds.Resolution, dossier.Id, 1, resolveBy, cancellationToken);
            var claimed = partner.Email is null ? null : mails.Forwarded(dossier, observation, partner);
            if (!await dossiers.SaveAsync(forwarded, stored.ETag, claimed is null ? [] : [DossierEvent.Notification(claimed, now)], cancellationToken))
            {
                throw new InvalidOperationException($"Dossier {dossier.Id} changed while it was being forwarded; the message will be retried.");
            }

            await audit.RecordAsync(AuditEntity.Dossier, dossier.Id, "forwarded", AuditActor.System, new { partnerId = partner.Id, claimed?.To, mailId = claimed?.Id }, cancellationToken);
        }

        var mail = partner.Email is null ? null : mails.Forwarded(dossier, observation, partner);

        // Claimed above (or by an earlier attempt that may have died before sending): send, once.
        if (mail is not null)
        {
            await mailSender.SendAsync(mail, cancellationToken);
        }

        if (partner.WebhookUrl is not null)
        {
            var payload = webhookPayloads.Forwarded(dossier, observation, partner, time.GetUtcNow());
            await webhooks.EnqueueAsync(DossierWebhookPayloads.ForwardedDeliveryId(dossier), partner, DossierWebhookPayloads.ForwardedEvent, payload, cancellationToken);
        }

        return dossier;
    }
}
