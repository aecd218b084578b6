using Azure.Data.Tables;
using Wijkwacht.Partners;
using Wijkwacht.Scheduling;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

/// <summary>
/// The daily safety net of the follow-up timers: every open dossier's next follow-up step is armed again, and
/// its row in the dossier list refreshed.
/// Arming is idempotent (same step, same due time, same row), so a wake-up that still exists is untouched and
/// one that was lost comes back; a step that runs twice finds it was done and does nothing.
/// </summary>
internal sealed class FollowUpReconciliation(
    [FromKeyedServices(Tables.Dossiers)] TableClient table,
    FollowUpPlan plan,
    FollowUpSchedule schedule,
    DossierIndex index,
    PartnerStore partners)
{
    // A scan of the dossier rows, once a day: fine for tens of thousands of open dossiers.
    private static readonly string OpenDossiers = TableClient.CreateQueryFilter(
        $"RowKey eq {"dossier"} and (Status eq {nameof(DossierStatus.Forwarded)} or Status eq {nameof(DossierStatus.Acknowledged)} or Status eq {nameof(DossierStatus.InProgress)})");

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var armed = 0;
        var partnersById = new Dictionary<string, Partner?>();
        await foreach (var row in table.QueryAsync<TableEntity>(OpenDossiers, cancellationToken: cancellationToken))
        {
            var dossier = DossierStore.ToDossier(row);
            await index.UpsertAsync(dossier, cancellationToken);
            if (!partnersById.TryGetValue(dossier.PartnerId, out var partner))
            {
                partnersById[dossier.PartnerId] = partner = (await partners.GetAsync(dossier.PartnerId, cancellationToken))?.Partner;
            }

            var level = partner?.ServiceLevelFor(dossier.Category) ?? ServiceLevel.Default;
            foreach (var deadline in Enum.GetValues<Deadline>())
            {
                if (NextStep(dossier, deadline, level) is { } next)
                {
                    await schedule.ArmAsync(FollowUpPlan.Kind(deadline), dossier.Id, next.Step, next.DueAt, cancellationToken);
                    armed++;
                }
            }
        }

        return armed;
    }

    /// <summary>The step a dossier waits for on a deadline and when it falls due, as the forwarding and each step armed it.</summary>
    private (int Step, DateTimeOffset DueAt)? NextStep(Dossier dossier, Deadline deadline, ServiceLevel level)
    {
        var step = dossier.FollowUpsDone(deadline) + 1;
        var first = deadline == Deadline.Acknowledgement ? dossier.AcknowledgeBy : dossier.ResolveBy;
        if (!dossier.Awaits(deadline) || step > FollowUpPlan.Steps || first is not { } due)
        {
            return null;
        }

        for (var s = 2; s <= step; s++)
        {
            due = plan.NextStepAt(due, s, level);
        }

        return (step, due);
    }
}
