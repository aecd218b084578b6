using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Mail;
using Wijkwacht.Observations;
using Wijkwacht.Partners;

namespace Wijkwacht.Dossiers;

/// <summary>Merges a dossier into another one about the same problem.</summary>
public sealed record MergeRequest([property: Required] Guid? IntoDossierId);

internal enum MergeOutcome
{
    Done,
    NotFound,
    SurvivorNotFound,
    ChangedMeanwhile,
}

/// <summary>
/// A coordinator merges a dossier into another one about the same problem. The survivor carries on with the
/// observations (and so their photos), the history and the partner photos of the merged one; the merged dossier
/// becomes read-only, pointing at the survivor, its partner's links stop working and its partner is told by mail.
///
/// Several rows change, so the steps are made to be finished by a retry: (1) the merged dossier becomes "merged"
/// together with the claim of its partner's mail (one transaction, ETag-guarded: If-Match applies here);
/// (2) its links are revoked; (3) its history is copied into the survivor's partition (fixed row keys);
/// (4) the survivor takes its observations, with a "merged" event named after the merged dossier (ETag-guarded;
/// skipped when that event is there); (5) the observations point at the survivor; (6) the claimed mail is sent
/// (fixed id: once). A request that finds the dossier merged into the same survivor does steps 2–6 again.
/// </summary>
internal sealed class DossierMerge(
    DossierStore dossiers,
    ObservationStore observations,
    PartnerStore partners,
    SignedLinks links,
    IMailSender mailSender,
    CategoryCatalogue categories,
    AuditTrail audit,
    TimeProvider time)
{
    private const string MergedMarker = "-merged-";
    private const int Attempts = 3;

    /// <returns>The outcome, and the merged dossier as it is after the change.</returns>
    public async Task<(MergeOutcome Outcome, StoredDossier? Dossier)> MergeAsync(
        string id, string survivorId, AuditActor actor, string? expectedETag, CancellationToken cancellationToken)
    {
        if (await dossiers.GetAsync(id, cancellationToken) is not { } stored)
        {
            return (MergeOutcome.NotFound, null);
        }

        if (await dossiers.GetAsync(survivorId, cancellationToken) is not { } survivor)
        {
            return (MergeOutcome.SurvivorNotFound, null);
        }

        if (stored.Dossier is not { Status: DossierStatus.Merged } || stored.Dossier.MergedInto != survivorId)
        {
            if (expectedETag is not null && expectedETag != stored.ETag.ToString())
            {
                return (MergeOutcome.ChangedMeanwhile, stored);
            }

            if (await StartAsync(stored, survivor.Dossier, actor, cancellationToken) is not { } started)
            {
                return (MergeOutcome.ChangedMeanwhile, null);
            }

            stored = started;
        }

        await FinishAsync(stored, actor, cancellationToken);
        return (MergeOutcome.Done, await dossiers.GetAsync(id, cancellationToken));
    }

    /// <summary>Step 1: the dossier becomes "merged", with the claim of its partner's mail, in one transaction.</summary>
    /// <returns>null when someone else changed the dossier meanwhile.</returns>
    internal async Task<StoredDossier?> StartAsync(StoredDossier stored, Dossier survivor, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var before = stored.Dossier;
        var merged = before.MergeInto(survivor);
        List<DossierEvent> events = [DossierEvent.Transition(before.Status, merged.Status, actor.Id, now, DossierFacts.ReferenceOf(survivor.Id))];
        if ((await partners.GetAsync(before.PartnerId, cancellationToken))?.Partner is { Email: not null } partner)
        {
            events.Add(DossierEvent.Notification(MergedMail(merged, partner), now));
        }

        if (!await dossiers.SaveAsync(merged, stored.ETag, events, cancellationToken))
        {
            return null;
        }

        await audit.RecordAsync(AuditEntity.Dossier, before.Id, "merged", actor, new { into = survivor.Id, from = before.Status }, cancellationToken);
        return await dossiers.GetAsync(before.Id, cancellationToken);
    }

    /// <summary>Steps 2–6, each safe to repeat while the dossier is merged.</summary>
    private async Task FinishAsync(StoredDossier stored, AuditActor actor, CancellationToken cancellationToken)
    {
        var merged = stored.Dossier;
        var survivorId = merged.MergedInto!;
        await links.RevokeAsync(LinkPurpose.PartnerDossier, merged.Id, cancellationToken);
        await dossiers.CopyHistoryAsync(stored, survivorId, cancellationToken);
        await AbsorbAsync(merged, survivorId, actor, cancellationToken);
        foreach (var observationId in merged.ObservationIds)
        {
            await observations.LinkDossierAsync(observationId, survivorId, cancellationToken);
        }

        var claim = stored.Events.LastOrDefault(e => e.Kind == DossierEventKind.Notification && e.Key.StartsWith($"{merged.SendKey}{MergedMarker}", StringComparison.Ordinal));
        if (claim is not null && (await partners.GetAsync(claim.Key[(merged.SendKey.Length + MergedMarker.Length)..], cancellationToken))?.Partner is { Email: not null } partner)
        {
            await mailSender.SendAsync(MergedMail(merged, partner), cancellationToken);
        }
    }

    /// <summary>Step 4: the survivor takes the observations, once (the "merged" event says it did).</summary>
    private async Task AbsorbAsync(Dossier merged, string survivorId, AuditActor actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var survivor = await dossiers.GetAsync(survivorId, cancellationToken) ?? throw new InvalidOperationException($"Dossier {survivorId} vanished during a merge.");
            if (survivor.Events.Any(e => e.Kind == DossierEventKind.Merged && e.Key == merged.Id))
            {
                return;
            }

            // The survivor was checked open when the merge started; should it have closed since, it still takes them.
            var absorbed = survivor.Dossier with { ObservationIds = [.. survivor.Dossier.ObservationIds.Union(merged.ObservationIds)] };
            if (await dossiers.SaveAsync(absorbed, survivor.ETag, [DossierEvent.MergedInHere(merged.Id, actor.Id, time.GetUtcNow())], cancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Dossier {survivorId} kept changing while {merged.Id} was merged into it; a retry finishes the merge.");
    }

    /// <summary>The merged dossier's partner is told it has nothing more to do. Named after the forwarding and the partner: sent once.</summary>
    private MailMessage MergedMail(Dossier dossier, Partner partner)
    {
        var (subject, body, closing) = partner.Language switch
        {
            "fr" => ("Dossier fusionné : {0} ({1})", "Bonjour {0},\r\n\r\nLe coordinateur a fusionné ce dossier avec un autre dossier sur le même problème. Vous n'avez plus rien à faire pour celui-ci ; le lien reçu précédemment ne fonctionne plus.", "Cordialement,"),
            "en" => ("Case merged: {0} ({1})", "Dear {0},\r\n\r\nThe coordinator merged this case with another case about the same problem. There is nothing more for you to do on this one; the link you received no longer works.", "Kind regards,"),
            _ => ("Dossier samengevoegd: {0} ({1})", "Beste {0},\r\n\r\nDe coördinator heeft dit dossier samengevoegd met een ander dossier over hetzelfde probleem. U hoeft hiervoor niets meer te doen; de link die u kreeg werkt niet meer.", "Met vriendelijke groet,"),
        };
        var category = categories.Find(dossier.Category)?.Label(partner.Language) ?? dossier.Category;
        var reference = DossierFacts.ReferenceOf(dossier.Id);
        return new MailMessage(
            $"{dossier.SendKey}{MergedMarker}{partner.Id}",
            partner.Email!,
            string.Format(CultureInfo.InvariantCulture, subject, category, reference),
            string.Join("\r\n", string.Format(CultureInfo.InvariantCulture, body, partner.Name), "", $"{reference} — {category}", "", closing, "", "Wijkwacht"),
            partner.Language);
    }
}
