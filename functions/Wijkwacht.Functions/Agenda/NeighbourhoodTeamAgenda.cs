using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Wijkwacht.Dossiers;
using Wijkwacht.Storage;
using Wijkwacht.Time;

namespace Wijkwacht.Agenda;

internal sealed class NeighbourhoodTeamOptions
{
    /// <summary>Which week of the month the team meets: 1 to 4, or -1 for the last.</summary>
    public int MeetingWeekOfMonth { get; set; } = 1;

    public DayOfWeek MeetingDay { get; set; } = DayOfWeek.Tuesday;
}

internal sealed record AgendaItem(string DossierId, string? NeighbourhoodId, string Category, string PartnerId, string Deadline, DateTimeOffset EscalatedAt);

/// <summary>
/// The agenda of the monthly neighbourhood-team meeting (seed 001): every escalated dossier is put on the next
/// meeting, under its neighbourhood. One partition per meeting date; adding a dossier again changes nothing.
/// </summary>
internal sealed class NeighbourhoodTeamAgenda([FromKeyedServices(Tables.Agenda)] TableClient table, IOptions<NeighbourhoodTeamOptions> options)
{
    public async Task<DateOnly> AddAsync(Dossier dossier, Deadline deadline, DateTimeOffset escalatedAt, CancellationToken cancellationToken)
    {
        var meeting = NextMeeting(escalatedAt);
        await table.UpsertEntityAsync(new TableEntity(Key(meeting), $"{dossier.NeighbourhoodId ?? "-"}|{dossier.Id}|{deadline}")
        {
            ["DossierId"] = dossier.Id,
            ["NeighbourhoodId"] = dossier.NeighbourhoodId,
            ["Category"] = dossier.Category,
            ["PartnerId"] = dossier.PartnerId,
            ["Deadline"] = deadline.ToString(),
            ["EscalatedAt"] = escalatedAt,
        }, TableUpdateMode.Replace, cancellationToken);
        return meeting;
    }

    public async Task<IReadOnlyList<AgendaItem>> ForMeetingAsync(DateOnly meeting, CancellationToken cancellationToken)
    {
        var items = new List<AgendaItem>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Key(meeting)}"), cancellationToken: cancellationToken))
        {
            items.Add(new AgendaItem(e.GetString("DossierId"), e.GetString("NeighbourhoodId"), e.GetString("Category"), e.GetString("PartnerId"),
                e.GetString("Deadline").ToLowerInvariant(), e.GetDateTimeOffset("EscalatedAt")!.Value));
        }

        return items;
    }

    /// <summary>The first meeting day after the given moment's day in Brussels.</summary>
    public DateOnly NextMeeting(DateTimeOffset after)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, WorkingDays.Brussels).DateTime);
        for (var month = new DateOnly(day.Year, day.Month, 1); ; month = month.AddMonths(1))
        {
            var meeting = MeetingIn(month);
            if (meeting > day)
            {
                return meeting;
            }
        }
    }

    private DateOnly MeetingIn(DateOnly firstOfMonth)
    {
        var o = options.Value;
        if (o.MeetingWeekOfMonth < 0)
        {
            var last = firstOfMonth.AddMonths(1).AddDays(-1);
            return last.AddDays(-(((int)last.DayOfWeek - (int)o.MeetingDay + 7) % 7));
        }

        var first = firstOfMonth.AddDays(((int)o.MeetingDay - (int)firstOfMonth.DayOfWeek + 7) % 7);
        return first.AddDays(7 * (o.MeetingWeekOfMonth - 1));
    }

    private static string Key(DateOnly meeting) => meeting.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
