using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
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
    /// <summary>Puts an escalated dossier on the next meeting after <see cref="AgendaItem.EscalatedAt"/>.</summary>
    public async Task<DateOnly> AddAsync(AgendaItem item, CancellationToken cancellationToken)
    {
        var meeting = NextMeeting(item.EscalatedAt);
        await table.UpsertEntityAsync(new TableEntity(Key(meeting), $"{item.NeighbourhoodId ?? "-"}|{item.DossierId}|{item.Deadline}")
        {
            ["DossierId"] = item.DossierId,
            ["NeighbourhoodId"] = item.NeighbourhoodId,
            ["Category"] = item.Category,
            ["PartnerId"] = item.PartnerId,
            ["Deadline"] = item.Deadline,
            ["EscalatedAt"] = item.EscalatedAt,
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
        var day = BrusselsTime.Day(after);
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
