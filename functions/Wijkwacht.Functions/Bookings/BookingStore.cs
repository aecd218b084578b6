using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Storage;
using Wijkwacht.Time;

namespace Wijkwacht.Bookings;

internal sealed record StoredBooking(Booking Booking, ETag ETag);

internal enum ClaimOutcome
{
    Done,
    /// <summary>Some of the time is taken by another booking.</summary>
    Taken,
    /// <summary>The officer's day is full (the daily maximum).</summary>
    DayFull,
    /// <summary>The booking (or a day's count) changed meanwhile: read again and retry.</summary>
    Changed,
    /// <summary>Creating: a booking with this id exists already.</summary>
    Exists,
}

/// <summary>
/// Bookings and the time they hold, one partition per officer: the booking rows, a row per five-minute cell of
/// claimed time and a count per day. Taking, moving and freeing time are single batch transactions in that
/// partition, so two bookings can never hold the same cell, whatever the number of requests or app instances,
/// and a moved booking frees its old time in the same step as it takes the new one.
/// </summary>
internal sealed class BookingStore(
    [FromKeyedServices(Tables.Bookings)] TableClient bookings,
    [FromKeyedServices(Tables.BookingIndex)] TableClient index,
    [FromKeyedServices(Tables.PersonalData)] TableClient personalData,
    SlotRules rules)
{
    private const string BookingPrefix = "booking-";
    private const string CellPrefix = "cell-";
    private const string DayPrefix = "day-";

    public async Task<StoredBooking?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var officer = await index.GetEntityIfExistsAsync<TableEntity>(id.ToString(), "", ["OfficerId"], cancellationToken);
        return officer.HasValue ? await GetAsync(officer.Value!.GetString("OfficerId"), id, cancellationToken) : null;
    }

    public async Task<StoredBooking?> GetAsync(string officerId, Guid id, CancellationToken cancellationToken)
    {
        var row = await bookings.GetEntityIfExistsAsync<TableEntity>(officerId, BookingPrefix + id, cancellationToken: cancellationToken);
        return row.HasValue ? new StoredBooking(BookingRow.Read(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>The officer's bookings that start in [from, to), in time order.</summary>
    public async Task<IReadOnlyList<Booking>> ListAsync(string officerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {officerId} and RowKey ge {BookingPrefix} and RowKey lt {"booking."} and Start ge {from.UtcDateTime} and Start lt {to.UtcDateTime}");
        var list = new List<Booking>();
        await foreach (var row in bookings.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(BookingRow.Read(row));
        }

        return [.. list.OrderBy(b => b.Start)];
    }

    /// <summary>
    /// Every booking not yet erased, of every partition: also of officers no longer in the directory, whose
    /// citizens' details must go all the same. For the daily retention job, not for requests.
    /// </summary>
    public async IAsyncEnumerable<StoredBooking> NotErasedAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {BookingPrefix} and RowKey lt {"booking."} and Erased eq {false}");
        await foreach (var row in bookings.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new StoredBooking(BookingRow.Read(row), row.ETag);
        }
    }

    /// <summary>What the officer's time in [from, to) looks like: the claimed cells and the number of bookings per day.</summary>
    public async Task<Occupancy> OccupancyAsync(string officerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var cellFilter = TableClient.CreateQueryFilter($"PartitionKey eq {officerId} and RowKey ge {CellKey(from)} and RowKey lt {CellKey(to)}");
        var cells = new Dictionary<DateTimeOffset, Guid>();
        await foreach (var row in bookings.QueryAsync<TableEntity>(cellFilter, select: ["RowKey", "BookingId"], cancellationToken: cancellationToken))
        {
            cells[CellTime(row.RowKey)] = row.GetGuid("BookingId")!.Value;
        }

        var dayFilter = TableClient.CreateQueryFilter($"PartitionKey eq {officerId} and RowKey ge {DayKey(LocalDay(from))} and RowKey le {DayKey(LocalDay(to))}");
        var days = new Dictionary<DateOnly, int>();
        await foreach (var row in bookings.QueryAsync<TableEntity>(dayFilter, select: ["RowKey", "Count"], cancellationToken: cancellationToken))
        {
            days[DateOnly.ParseExact(row.RowKey[DayPrefix.Length..], "yyyyMMdd", CultureInfo.InvariantCulture)] = row.GetInt32("Count") ?? 0;
        }

        return new Occupancy(cells, days);
    }

    /// <summary>Takes the booking's time and stores it, in one transaction; the daily maximum holds.</summary>
    public async Task<ClaimOutcome> CreateAsync(Booking booking, CancellationToken cancellationToken)
    {
        await index.UpsertEntityAsync(new TableEntity(booking.Id.ToString(), "") { ["OfficerId"] = booking.OfficerId }, TableUpdateMode.Replace, cancellationToken);
        if (booking.Citizen.Email is { } email)
        {
            await personalData.UpsertEntityAsync(new TableEntity(PersonKey(email), booking.Id.ToString()) { ["OfficerId"] = booking.OfficerId }, TableUpdateMode.Replace, cancellationToken);
        }

        var day = await CountAsync(booking.OfficerId, LocalDay(booking.Start), cancellationToken);
        var outcome = day.Count >= rules.Options.DailyMaximum ? ClaimOutcome.DayFull : await ClaimAsync(booking, day, cancellationToken);
        if (outcome is ClaimOutcome.Taken or ClaimOutcome.DayFull && await GetAsync(booking.OfficerId, booking.Id, cancellationToken) is null)
        {
            // No booking came of it: its index rows (written first, so a committed booking is always found) go.
            await index.DeleteEntityAsync(booking.Id.ToString(), "", ETag.All, cancellationToken);
            if (booking.Citizen.Email is { } address)
            {
                await ForgetEmailAsync(address, booking.Id, cancellationToken);
            }
        }

        return outcome;
    }

    private async Task<ClaimOutcome> ClaimAsync(Booking booking, DayCount day, CancellationToken cancellationToken)
    {
        var held = Held(booking);
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, BookingRow.Write(held)),
            .. HeldCells(held).Select(cell => new TableTransactionAction(TableTransactionActionType.Add, CellRow(booking, cell))),
            Counted(day, +1),
        ];
        return await SubmitAsync(actions, firstIsNew: true, cancellationToken);
    }

    /// <summary>
    /// Stores a changed booking together with the change in the time it holds: cells it no longer needs are
    /// freed and new ones taken, in one transaction, guarded by the booking's ETag.
    /// </summary>
    public async Task<ClaimOutcome> ReplaceAsync(StoredBooking stored, Booking changed, CancellationToken cancellationToken)
    {
        var before = stored.Booking;
        changed = changed.Status == BookingStatus.Cancelled ? changed with { HeldFrom = null, HeldTo = null } : Held(changed);
        var held = before.Status == BookingStatus.Cancelled ? [] : HeldCells(before.HeldFrom is null ? Held(before) : before).ToHashSet();
        var needed = HeldCells(changed).ToHashSet();
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpdateReplace, BookingRow.Write(changed), stored.ETag),
            .. held.Except(needed).Select(cell => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(changed.OfficerId, CellKey(cell)), ETag.All)),
            .. needed.Except(held).Select(cell => new TableTransactionAction(TableTransactionActionType.Add, CellRow(changed, cell))),
        ];

        var (oldDay, newDay) = (held.Count == 0 ? (DateOnly?)null : LocalDay(before.Start), needed.Count == 0 ? (DateOnly?)null : LocalDay(changed.Start));
        if (oldDay != newDay)
        {
            if (oldDay is { } freed)
            {
                actions.Add(Counted(await CountAsync(changed.OfficerId, freed, cancellationToken), -1));
            }

            if (newDay is { } taken)
            {
                var count = await CountAsync(changed.OfficerId, taken, cancellationToken);
                if (count.Count >= rules.Options.DailyMaximum)
                {
                    return ClaimOutcome.DayFull;
                }

                actions.Add(Counted(count, +1));
            }
        }

        return await SubmitAsync(actions, firstIsNew: false, cancellationToken);
    }

    /// <summary>Stores a change that moves no time (calendar state, an outcome, an erasure), guarded by the ETag.</summary>
    public async Task<bool> UpdateAsync(StoredBooking stored, Booking changed, CancellationToken cancellationToken)
    {
        try
        {
            await bookings.UpdateEntityAsync(BookingRow.Write(changed), stored.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The bookings held for an e-mail address (for access requests).</summary>
    public async Task<IReadOnlyList<Booking>> ForEmailAsync(string email, CancellationToken cancellationToken)
    {
        var list = new List<Booking>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PersonKey(email)}");
        await foreach (var row in personalData.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (await GetAsync(row.GetString("OfficerId"), Guid.Parse(row.RowKey), cancellationToken) is { } stored
                && string.Equals(stored.Booking.Citizen.Email, email, StringComparison.OrdinalIgnoreCase))
            {
                list.Add(stored.Booking);
            }
        }

        return list;
    }

    public async Task ForgetEmailAsync(string email, Guid bookingId, CancellationToken cancellationToken) =>
        await personalData.DeleteEntityAsync(PersonKey(email), bookingId.ToString(), ETag.All, cancellationToken);

    private async Task<ClaimOutcome> SubmitAsync(List<TableTransactionAction> actions, bool firstIsNew, CancellationToken cancellationToken)
    {
        try
        {
            await bookings.SubmitTransactionAsync(actions, cancellationToken);
            return ClaimOutcome.Done;
        }
        catch (TableTransactionFailedException e)
        {
            var failed = e.FailedTransactionActionIndex is { } i && i < actions.Count ? actions[i].Entity.RowKey : null;
            return failed switch
            {
                _ when e.Status == 412 => ClaimOutcome.Changed,
                { } key when key.StartsWith(BookingPrefix, StringComparison.Ordinal) => firstIsNew ? ClaimOutcome.Exists : ClaimOutcome.Changed,
                { } key when key.StartsWith(CellPrefix, StringComparison.Ordinal) => ClaimOutcome.Taken,
                _ => ClaimOutcome.Changed,
            };
        }
    }

    /// <summary>The booking with the time it holds by the current rules, for a booking that is taking new time.</summary>
    private Booking Held(Booking booking)
    {
        var (from, to) = rules.Claim(booking.Type, new Slot(booking.Start, booking.End));
        return booking with { HeldFrom = from, HeldTo = to };
    }

    /// <summary>The five-minute cells of the time a booking holds, in UTC.</summary>
    private static IReadOnlyList<DateTimeOffset> HeldCells(Booking booking) =>
        booking.HeldFrom is { } from && booking.HeldTo is { } to ? SlotRules.CellsBetween(from, to) : [];

    private sealed record DayCount(TableEntity Row, int Count, bool Exists);

    private async Task<DayCount> CountAsync(string officerId, DateOnly day, CancellationToken cancellationToken)
    {
        var row = await bookings.GetEntityIfExistsAsync<TableEntity>(officerId, DayKey(day), cancellationToken: cancellationToken);
        return row.HasValue
            ? new DayCount(row.Value!, row.Value!.GetInt32("Count") ?? 0, true)
            : new DayCount(new TableEntity(officerId, DayKey(day)), 0, false);
    }

    private static TableTransactionAction Counted(DayCount day, int change)
    {
        var row = new TableEntity(day.Row.PartitionKey, day.Row.RowKey) { ["Count"] = Math.Max(0, day.Count + change) };
        return day.Exists
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, day.Row.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
    }

    private static TableEntity CellRow(Booking booking, DateTimeOffset cell) => new(booking.OfficerId, CellKey(cell)) { ["BookingId"] = booking.Id };

    private static string CellKey(DateTimeOffset at) => CellPrefix + at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static DateTimeOffset CellTime(string key) => new(long.Parse(key[CellPrefix.Length..], CultureInfo.InvariantCulture), TimeSpan.Zero);

    private static string DayKey(DateOnly day) => DayPrefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateOnly LocalDay(DateTimeOffset at) => BrusselsTime.Day(at);

    // Addresses are kept by hash in the index; row keys can hold neither all characters nor, here, the address itself.
    private static string PersonKey(string email) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
}

/// <summary>The officer's time as stored: which booking holds each claimed cell, and how many bookings each day has.</summary>
internal sealed record Occupancy(IReadOnlyDictionary<DateTimeOffset, Guid> Cells, IReadOnlyDictionary<DateOnly, int> Days)
{
    /// <summary>Whether these cells are free, or held by <paramref name="self"/> (a booking being moved).</summary>
    public bool IsFree(IEnumerable<DateTimeOffset> cells, Guid? self = null) =>
        cells.All(c => !Cells.TryGetValue(c, out var holder) || holder == self);

    public int BookingsOn(DateOnly day) => Days.GetValueOrDefault(day);
}

/// <summary>A booking as a table row.</summary>
internal static class BookingRow
{
    public static TableEntity Write(Booking b) => new(b.OfficerId, "booking-" + b.Id)
    {
        ["Id"] = b.Id,
        ["Type"] = b.Type.ToString(),
        ["Start"] = b.Start.ToUniversalTime(),
        ["End"] = b.End.ToUniversalTime(),
        ["Status"] = b.Status.ToString(),
        ["Sequence"] = b.Sequence,
        ["Name"] = b.Citizen.Name,
        ["Email"] = b.Citizen.Email,
        ["Phone"] = b.Citizen.Phone,
        ["Language"] = b.Citizen.Language,
        ["Subject"] = b.Citizen.Subject,
        ["Address"] = b.Citizen.Address,
        ["CreatedAt"] = b.CreatedAt.ToUniversalTime(),
        ["ClosedAt"] = b.ClosedAt?.ToUniversalTime(),
        ["CancelReason"] = b.CancelReason,
        ["ErasedAt"] = b.ErasedAt?.ToUniversalTime(),
        ["Erased"] = b.ErasedAt is not null,
        ["HeldFrom"] = b.HeldFrom?.ToUniversalTime(),
        ["HeldTo"] = b.HeldTo?.ToUniversalTime(),
        ["EventId"] = b.EventId,
        ["EventSequence"] = b.EventSequence,
    };

    public static Booking Read(TableEntity e) => new(
        e.GetGuid("Id")!.Value,
        e.PartitionKey,
        Enum.Parse<AppointmentType>(e.GetString("Type")),
        e.GetDateTimeOffset("Start")!.Value,
        e.GetDateTimeOffset("End")!.Value,
        new Citizen(e.GetString("Name"), e.GetString("Email"), e.GetString("Phone"), e.GetString("Language") ?? "nl", e.GetString("Subject"), e.GetString("Address")),
        e.GetDateTimeOffset("CreatedAt")!.Value)
    {
        Status = Enum.Parse<BookingStatus>(e.GetString("Status")),
        Sequence = e.GetInt32("Sequence") ?? 0,
        ClosedAt = e.GetDateTimeOffset("ClosedAt"),
        CancelReason = e.GetString("CancelReason"),
        ErasedAt = e.GetDateTimeOffset("ErasedAt"),
        HeldFrom = e.GetDateTimeOffset("HeldFrom"),
        HeldTo = e.GetDateTimeOffset("HeldTo"),
        EventId = e.GetString("EventId"),
        EventSequence = e.GetInt32("EventSequence") ?? -1,
    };
}
