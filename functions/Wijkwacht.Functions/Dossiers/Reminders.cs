using Wijkwacht.Audit;
using Wijkwacht.Mail;
using Wijkwacht.Partners;

namespace Wijkwacht.Dossiers;

/// <summary>
/// Reminds a partner of a dossier it has not acknowledged. The reminder is first recorded on the dossier,
/// guarded by its ETag, then sent: an acknowledgement that lands in between wins, and no reminder follows it.
/// </summary>
internal sealed class Reminders(DossierStore dossiers, PartnerStore partners, DossierMails mails, Outbox outbox, AuditTrail audit, TimeProvider time)
{
    private const int Attempts = 3;

    public async Task<string> SendAcknowledgementReminderAsync(string dossierId, int step, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = await dossiers.GetAsync(dossierId, cancellationToken);
            if (stored is null)
            {
                return "no such dossier";
            }

            var dossier = stored.Dossier;
            if (!dossier.AwaitsAcknowledgement || dossier.AcknowledgementReminders > step)
            {
                return $"not needed, the dossier is {dossier.Status}";
            }

            var partner = (await partners.GetAsync(dossier.PartnerId, cancellationToken))?.Partner
                ?? throw new InvalidOperationException($"Dossier {dossier.Id} names partner {dossier.PartnerId}, which does not exist.");
            if (partner.Email is null)
            {
                return "not sent, the partner has no e-mail address";
            }

            var mail = mails.AcknowledgementReminder(dossier, partner, step);
            if (dossier.AcknowledgementReminders < step)
            {
                var now = time.GetUtcNow();
                if (!await dossiers.SaveAsync(dossier.RecordAcknowledgementReminder(step), stored.ETag, [DossierEvent.Reminder(mail, step, now)], cancellationToken))
                {
                    continue; // changed meanwhile (acknowledged?): look again
                }

                await audit.RecordAsync(AuditEntity.Dossier, dossier.Id, "reminded", AuditActor.System, new { step, mail.To, mailId = mail.Id }, cancellationToken);
            }

            await outbox.SendAsync(mail, cancellationToken);
            return "sent";
        }

        throw new InvalidOperationException($"Dossier {dossierId} kept changing; the reminder will be retried.");
    }
}
