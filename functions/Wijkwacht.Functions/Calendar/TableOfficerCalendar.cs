using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Calendar;

/// <summary>
/// The officers' calendars in a table, for running locally and in tests: one partition per mailbox, one row per
/// event. The row key comes from the transaction id, so a repeated create finds the event it made before.
/// Events put there by other means (ShowAs "busy") count as busy time, as meetings in Outlook do.
/// </summary>
internal sealed class TableOfficerCalendar([FromKeyedServices(Tables.CalendarEvents)] TableClient table) : IOfficerCalendar
{
    public async Task<IReadOnlyList<BusyTime>> GetBusyAsync(string mailbox, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(mailbox)} and Start lt {to.UtcDateTime} and End gt {from.UtcDateTime}");
        var busy = new List<BusyTime>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["Start", "End", "ShowAs"], cancellationToken: cancellationToken))
        {
            if (row.GetString("ShowAs") != "free")
            {
                busy.Add(new BusyTime(row.GetDateTimeOffset("Start")!.Value, row.GetDateTimeOffset("End")!.Value));
            }
        }

        return busy;
    }

    public async Task<string> CreateEventAsync(string mailbox, CalendarEvent appointment, CancellationToken cancellationToken)
    {
        var id = "evt-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(appointment.TransactionId)))[..32].ToLowerInvariant();
        try
        {
            await table.AddEntityAsync(Row(mailbox, id, appointment), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Created before: the same transaction id is the same event.
        }

        return id;
    }

    public async Task UpdateEventAsync(string mailbox, string eventId, CalendarEvent appointment, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(Row(mailbox, eventId, appointment), TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteEventAsync(string mailbox, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(Partition(mailbox), eventId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    private static TableEntity Row(string mailbox, string id, CalendarEvent appointment) => new(Partition(mailbox), id)
    {
        ["TransactionId"] = appointment.TransactionId,
        ["Subject"] = appointment.Subject,
        ["Body"] = appointment.Body,
        ["Start"] = appointment.Start.ToUniversalTime(),
        ["End"] = appointment.End.ToUniversalTime(),
        ["Location"] = appointment.Location,
        ["ShowAs"] = "busy",
    };

    private static string Partition(string mailbox) => mailbox.Trim().ToLowerInvariant();
}
