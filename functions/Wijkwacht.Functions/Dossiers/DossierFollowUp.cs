using Microsoft.Extensions.Options;
using Wijkwacht.Agenda;
using Wijkwacht.Audit;
using Wijkwacht.Mail;
using Wijkwacht.Partners;
using Wijkwacht.Scheduling;

namespace Wijkwacht.Dossiers;

/// <summary>
/// Runs one follow-up step of a dossier's deadline. The step is first recorded on the dossier, guarded by its
/// ETag, and only then sent: an acknowledgement or resolution that lands in between wins, and no reminder or
/// escalation follows it. Each step arms the next one, timed from its own due time, so steps missed while the
/// app was down are caught up once each.
/// </summary>
internal sealed class DossierFollowUp(
    DossierStore dossiers,
    PartnerStore partners,
    DossierMails mails,
    IMailSender mailSender,
    FollowUpPlan plan,
    FollowUpSchedule schedule,
    AuditTrail audit,
    NeighbourhoodTeamAgenda agenda,
    IOptions<FollowUpOptions> options,
    TimeProvider time)
{
    private const int Attempts = 3;

    public async Task<string> RunAsync(string dossierId, Deadline deadline, int step, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await dossiers.GetAsync(dossierId, cancellationToken) is not { } stored)
            {
                return "no such dossier";
            }

            var dossier = stored.Dossier;
            var done = dossier.FollowUpsDone(deadline);
            if (!dossier.Awaits(deadline) || done > step)
            {
                return $"not needed, the dossier is {dossier.Status} after {done} steps";
            }

            if (done < step - 1)
            {
                return $"waiting for step {done + 1}";
            }

            var partner = (await partners.GetAsync(dossier.PartnerId, cancellationToken))?.Partner
                ?? throw new InvalidOperationException($"Dossier {dossier.Id} names partner {dossier.PartnerId}, which does not exist.");
            var mail = FollowUpPlan.IsEscalation(step)
                ? mails.Escalation(dossier, partner, deadline, options.Value.CoordinatorEmail)
                : partner.Email is null ? null : mails.Reminder(dossier, partner, deadline, step);
            if (done < step)
            {
                var now = time.GetUtcNow();
                var followUp = DossierEvent.FollowUp(deadline, step, mail, now);
                if (!await dossiers.SaveAsync(dossier.RecordFollowUp(deadline, step, now), stored.ETag, [followUp], cancellationToken))
                {
                    continue; // changed meanwhile (acknowledged?): look again
                }

                await audit.RecordAsync(AuditEntity.Dossier, dossier.Id, FollowUpPlan.IsEscalation(step) ? "escalated" : "reminded", AuditActor.System,
                    new { deadline, step, mail?.To, mailId = mail?.Id }, cancellationToken);
                if (!FollowUpPlan.IsEscalation(step))
                {
                    await schedule.ArmAsync(FollowUpPlan.Kind(deadline), dossier.Id, step + 1, plan.NextStepAt(dueAt, step + 1, partner.ServiceLevelFor(dossier.Category)), cancellationToken);
                }
            }

            // Like the mail, done after the record and again on a redelivery: adding to the agenda twice adds it once.
            if (FollowUpPlan.IsEscalation(step))
            {
                await agenda.AddAsync(new AgendaItem(dossier.Id, dossier.NeighbourhoodId, dossier.Category, dossier.PartnerId, deadline.ToString(), dossier.EscalatedAt ?? time.GetUtcNow()), cancellationToken);
            }

            if (mail is not null)
            {
                await mailSender.SendAsync(mail, cancellationToken);
            }

            return FollowUpPlan.IsEscalation(step) ? "escalated" : $"reminder {step} sent";
        }

        throw new InvalidOperationException($"Dossier {dossierId} kept changing; the follow-up will be retried.");
    }
}
