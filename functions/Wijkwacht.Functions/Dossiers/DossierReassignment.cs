using System.ComponentModel.DataAnnotations;
using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Mail;
using Wijkwacht.Observations;
using Wijkwacht.Partners;

namespace Wijkwacht.Dossiers;

/// <summary>Gives a dossier to another partner service.</summary>
public sealed record ReassignRequest(
    [property: Required, StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a partner id.")] string? PartnerId,
    [property: StringLength(1000)] string? Reason = null);

/// <summary>
/// A coordinator gives a dossier to another partner: the old partner's links stop working and it is told by mail,
/// and the dossier is forwarded to the new partner, whose follow-up starts over.
///
/// Several rows change, so the steps are made to be finished by a retry: (1) the dossier moves to "reassigned"
/// together with the claim of the old partner's mail (one transaction, ETag-guarded); (2) the old links are
/// revoked; (3) the claimed mail is sent (the mail id is fixed: sent once); (4) the forwarding is requested (its
/// own check forwards even if the message is lost). A request for the same partner that finds the dossier still
/// "reassigned" to it does steps 2–4 again; one that finds it forwarded to it already answers with it.
/// </summary>
internal sealed class DossierReassignment(
    DossierStore dossiers,
    PartnerStore partners,
    SignedLinks links,
    IMailSender mailSender,
    ForwardingRequests forwarding,
    CategoryCatalogue categories,
    AuditTrail audit,
    TimeProvider time)
{
    private const string WithdrawnMarker = "-withdrawn-";

    /// <returns>The outcome, and the dossier as it is after the change.</returns>
    public async Task<(TransitionOutcome Outcome, StoredDossier? Dossier)> ReassignAsync(
        string id, string partnerId, string? reason, AuditActor actor, string? expectedETag, CancellationToken cancellationToken)
    {
        if (await dossiers.GetAsync(id, cancellationToken) is not { } stored)
        {
            return (TransitionOutcome.NotFound, null);
        }

        if (IsReassignedTo(stored, partnerId))
        {
            if (stored.Dossier.Status == DossierStatus.Reassigned)
            {
                await FinishAsync(stored, cancellationToken); // a retry of a reassignment that stopped halfway
            }

            return (TransitionOutcome.Done, await dossiers.GetAsync(id, cancellationToken));
        }

        var (outcome, started) = await StartAsync(stored, partnerId, reason, actor, expectedETag, cancellationToken);
        if (outcome == TransitionOutcome.Done)
        {
            await FinishAsync(started!, cancellationToken);
            return (outcome, await dossiers.GetAsync(id, cancellationToken));
        }

        return (outcome, started);
    }

    /// <summary>Step 1: the dossier becomes "reassigned", with the claim of the old partner's mail, in one transaction.</summary>
    internal async Task<(TransitionOutcome Outcome, StoredDossier? Dossier)> StartAsync(
        StoredDossier stored, string partnerId, string? reason, AuditActor actor, string? expectedETag, CancellationToken cancellationToken)
    {
        if (expectedETag is not null && expectedETag != stored.ETag.ToString())
        {
            return (TransitionOutcome.ChangedMeanwhile, stored);
        }

        var now = time.GetUtcNow();
        var before = stored.Dossier;
        var changed = before.Reassign(partnerId, now);
        List<DossierEvent> events = [DossierEvent.Transition(before.Status, changed.Status, actor.Id, now, reason)];
        if ((await partners.GetAsync(before.PartnerId, cancellationToken))?.Partner is { Email: not null } old)
        {
            events.Add(DossierEvent.Notification(WithdrawnMail(before, old), now));
        }

        if (!await dossiers.SaveAsync(changed, stored.ETag, events, cancellationToken))
        {
            return (TransitionOutcome.ChangedMeanwhile, null);
        }

        await audit.RecordAsync(AuditEntity.Dossier, before.Id, "reassigned", actor, new { from = before.PartnerId, to = partnerId, reason }, cancellationToken);
        return (TransitionOutcome.Done, await dossiers.GetAsync(before.Id, cancellationToken));
    }

    /// <summary>Steps 2–4, each safe to repeat while the dossier waits in "reassigned".</summary>
    private async Task FinishAsync(StoredDossier stored, CancellationToken cancellationToken)
    {
        var dossier = stored.Dossier;
        await links.RevokeAsync(LinkPurpose.PartnerDossier, dossier.Id, cancellationToken);
        var claim = stored.Events.LastOrDefault(e => e.Kind == DossierEventKind.Notification && e.Key.StartsWith($"{dossier.SendKey}{WithdrawnMarker}", StringComparison.Ordinal));
        if (claim is not null && (await partners.GetAsync(claim.Key[(dossier.SendKey.Length + WithdrawnMarker.Length)..], cancellationToken))?.Partner is { Email: not null } old)
        {
            await mailSender.SendAsync(WithdrawnMail(dossier, old), cancellationToken);
        }

        await forwarding.RequestAsync(dossier.ObservationIds[0], cancellationToken);
    }

    private static bool IsReassignedTo(StoredDossier stored, string partnerId) =>
        stored.Dossier.PartnerId == partnerId
        && stored.Events.Where(e => e.Kind == DossierEventKind.Transition).MaxBy(e => e.At)?.Key.EndsWith($"-{DossierStatus.Reassigned}", StringComparison.Ordinal) == true;

    /// <summary>
    /// The old partner is told the dossier is no longer theirs. Named after the forwarding it ends and the partner,
    /// so it goes out once, and a retry knows whom it was for.
    /// </summary>
    private MailMessage WithdrawnMail(Dossier dossier, Partner partner)
    {
        var (subject, body, closing) = partner.Language switch
        {
            "fr" => ("Dossier retiré : {0} ({1})", "Bonjour {0},\r\n\r\nLe coordinateur a confié ce dossier à un autre service. Vous n'avez plus rien à faire ; le lien reçu précédemment ne fonctionne plus.", "Cordialement,"),
            "en" => ("Case withdrawn: {0} ({1})", "Dear {0},\r\n\r\nThe coordinator gave this case to another service. There is nothing more for you to do; the link you received no longer works.", "Kind regards,"),
            _ => ("Dossier ingetrokken: {0} ({1})", "Beste {0},\r\n\r\nDe coördinator heeft dit dossier aan een andere dienst gegeven. U hoeft niets meer te doen; de link die u kreeg werkt niet meer.", "Met vriendelijke groet,"),
        };
        var category = categories.Find(dossier.Category)?.Label(partner.Language) ?? dossier.Category;
        var reference = DossierFacts.ReferenceOf(dossier.Id);
        return new MailMessage(
            $"{dossier.SendKey}{WithdrawnMarker}{partner.Id}",
            partner.Email!,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, subject, category, reference),
            string.Join("\r\n", string.Format(System.Globalization.CultureInfo.InvariantCulture, body, partner.Name), "", $"{reference} — {category}", "", closing, "", "Wijkwacht"),
            partner.Language);
    }
}
