using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.Primitives;
using Wijkwacht.Geography;
using Wijkwacht.Observations;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

internal enum DossierSort
{
    Newest,
    OldestOpen,
    MostOverdue,
}

/// <summary>The coordinator's filter on the dossier list, as read from the query string (see <see cref="Parse"/>).</summary>
internal sealed partial record DossierFilter(
    DossierStatus? Status,
    string? Partner,
    string? Category,
    string? Neighbourhood,
    bool Overdue,
    bool? Escalated,
    DateOnly? From,
    DateOnly? To,
    IReadOnlyList<string> Words,
    DossierSort Sort)
{
    public const int MaxQueryLength = 100;
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public static readonly string[] Names = ["status", "partner", "category", "neighbourhood", "overdue", "escalated", "from", "to", "q", "sort"];

    /// <summary>
    /// Reads the filter; every parameter that is present must hold a value the list knows (an empty one too:
    /// a link that lost its value should not silently show everything).
    /// </summary>
    public static (DossierFilter? Filter, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, CategoryCatalogue categories, Neighbourhoods neighbourhoods)
    {
        var errors = new Dictionary<string, string[]>();
        string? Value(string name, string hint)
        {
            if (!query.TryGetValue(name, out var values))
            {
                return null;
            }

            if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
            {
                errors[name] = [$"Give one value, or leave {name} out. {hint}"];
                return null;
            }

            return values[0];
        }

        DossierStatus? status = null;
        if (Value("status", "Use new, forwarded, acknowledged, in-progress, resolved, rejected or reassigned.") is { } s)
        {
            status = Enum.GetValues<DossierStatus>().FirstOrDefault(v => Kebab(v) == s) is var found && Kebab(found) == s ? found : null;
            if (status is null)
            {
                errors["status"] = ["Use new, forwarded, acknowledged, in-progress, resolved, rejected or reassigned."];
            }
        }

        var partner = Value("partner", "Use a partner id.");
        if (partner is not null && !Slug().IsMatch(partner))
        {
            errors["partner"] = ["Use a partner id."];
        }

        var category = Value("category", "Use a category code.");
        if (category is not null && categories.Find(category) is null)
        {
            errors["category"] = ["This category does not exist."];
        }

        var neighbourhood = Value("neighbourhood", "Use a neighbourhood id.");
        if (neighbourhood is not null && neighbourhoods[neighbourhood] is null)
        {
            errors["neighbourhood"] = ["This neighbourhood does not exist."];
        }

        var overdue = Flag("overdue");
        var escalated = Flag("escalated");
        var from = Day("from");
        var to = Day("to");
        if (from is { } f && to is { } t && f > t)
        {
            errors["to"] = ["The period ends before it starts."];
        }

        var words = new List<string>();
        if (Value("q", "Type a word of the reference, description or address.") is { } q)
        {
            words = [.. DossierFacts.WordsOf(q).Distinct(StringComparer.Ordinal)];
            if (q.Length > MaxQueryLength)
            {
                errors["q"] = [$"Search with at most {MaxQueryLength} characters."];
            }
            else if (words.Count == 0)
            {
                errors["q"] = ["Search for a word of at least three letters or digits."];
            }
        }

        var sort = DossierSort.Newest;
        if (Value("sort", "Use newest, oldest-open or most-overdue.") is { } so)
        {
            if (Enum.GetValues<DossierSort>().Where(v => Kebab(v) == so).ToList() is [var chosen])
            {
                sort = chosen;
            }
            else
            {
                errors["sort"] = ["Use newest, oldest-open or most-overdue."];
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new DossierFilter(status, partner, category, neighbourhood, overdue == true, escalated, from, to, words, sort), errors);

        bool? Flag(string name) => Value(name, "Use true or false.") switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Error<bool?>(name, "Use true or false."),
        };

        DateOnly? Day(string name) => Value(name, "Use a date as 2026-12-31.") is { } text
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day) && day.Year is >= 2000 and <= 2100 ? day : Error<DateOnly?>(name, "Use a date as 2026-12-31, this century.")
            : null;

        T? Error<T>(string name, string message)
        {
            errors[name] = [message];
            return default;
        }
    }

    public static string Kebab<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The start of a Brussels day, as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Brussels.GetUtcOffset(local));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}

/// <summary>A dossier as the list, the map and the CSV show it: straight from its index row.</summary>
internal sealed record DossierSummary(
    string Id,
    string Reference,
    DossierStatus Status,
    string Category,
    string? Subcategory,
    string? NeighbourhoodId,
    string PartnerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RecordedAt,
    DateTimeOffset? ForwardedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? AcknowledgeBy,
    DateTimeOffset? ResolveBy,
    DateTimeOffset? DueAt,
    bool Escalated,
    bool Overdue,
    int DaysOverdue,
    int RemindersSent,
    int Observations,
    double? Latitude,
    double? Longitude,
    string? Address,
    string? Summary)
{
    public static DossierSummary From(TableEntity e, DateTimeOffset now)
    {
        var due = e.GetDateTimeOffset("DueAt");
        var overdue = due < now;
        return new DossierSummary(
            e.GetString("DossierId"), e.GetString("Reference") ?? e.GetString("DossierId")[..8], Enum.Parse<DossierStatus>(e.GetString("Status")),
            e.GetString("Category"), e.GetString("Subcategory"), e.GetString("NeighbourhoodId"), e.GetString("PartnerId"),
            e.GetDateTimeOffset("CreatedAt")!.Value, e.GetDateTimeOffset("RecordedAt"), e.GetDateTimeOffset("ForwardedAt"), e.GetDateTimeOffset("AcknowledgedAt"),
            e.GetDateTimeOffset("ClosedAt"), e.GetDateTimeOffset("AcknowledgeBy"), e.GetDateTimeOffset("ResolveBy"), due,
            e.GetBoolean("Escalated") ?? false, overdue, overdue ? (int)Math.Ceiling((now - due!.Value).TotalDays) : 0,
            e.GetInt32("RemindersSent") ?? 0, e.GetInt32("Observations") ?? 1,
            e.GetDouble("Latitude"), e.GetDouble("Longitude"), e.GetString("Address"), e.GetString("Summary"));
    }
}

internal sealed record DossierPage(IReadOnlyList<DossierSummary> Items, string? ContinuationToken, DossierStatusCounts Counts);

/// <summary>
/// Dossiers per status. The counts come from rows kept on write for every combination of partner, category and
/// neighbourhood; the other filters (status, period, overdue, escalated, words) narrow the list, not the counts:
/// <c>Scope</c> names what they count.
/// </summary>
internal sealed record DossierStatusCounts(IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<string> Scope);

/// <summary>
/// Reads the list from the index (<see cref="DossierIndex"/>): one partition, chosen from the filter, read in
/// order from the continuation token, with the other filters sent to Table Storage as property filters. Only
/// extra search words are checked here, over at most <see cref="ScanLimit"/> rows a request.
/// </summary>
internal sealed class DossierListQueries([FromKeyedServices(Tables.DossierIndex)] TableClient table, DossierCounts counts, TimeProvider time)
{
    public const int ScanLimit = 2000;

    /// <returns>A page, or null when the continuation token is not one this list gave out.</returns>
    public async Task<DossierPage?> PageAsync(DossierFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        string? after = null;
        if (continuationToken is not null && (after = NewestFirst.RowKeyOf(continuationToken)) is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var items = new List<DossierSummary>(pageSize);
        string? next = null;
        var scanned = 0;
        string? last = null;
        await foreach (var row in RowsAsync(filter, after, now, cancellationToken))
        {
            if (items.Count == pageSize)
            {
                next = NewestFirst.Token(last!); // a row follows the full page: there is a next one
                break;
            }

            scanned++;
            last = row.RowKey;
            if (Matches(row, filter))
            {
                items.Add(DossierSummary.From(row, now));
            }
            else if (scanned >= ScanLimit)
            {
                next = NewestFirst.Token(last); // searched far enough for one request: the client asks for more
                break;
            }
        }

        var byStatus = await counts.ForAsync(filter.Partner, filter.Category, filter.Neighbourhood, cancellationToken);
        var scope = new[] { ("partner", filter.Partner), ("category", filter.Category), ("neighbourhood", filter.Neighbourhood) }
            .Where(s => s.Item2 is not null).Select(s => s.Item1).ToList();
        return new DossierPage(items, next, new DossierStatusCounts(byStatus, scope));
    }

    /// <summary>Every dossier the filter lets through, in its order: for the CSV export, read as it is written.</summary>
    public async IAsyncEnumerable<DossierSummary> AllAsync(DossierFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await foreach (var row in RowsAsync(filter, null, now, cancellationToken))
        {
            if (Matches(row, filter))
            {
                yield return DossierSummary.From(row, now);
            }
        }
    }

    private static bool Matches(TableEntity row, DossierFilter filter)
    {
        var words = row.GetString("Words") ?? "";
        return filter.Words.All(w => words.Contains($" {w} ", StringComparison.Ordinal));
    }

    private Azure.AsyncPageable<TableEntity> RowsAsync(DossierFilter f, string? after, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (partition, usedFor) = Partition(f);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        void And(FormattableString condition) => filter += " and " + TableClient.CreateQueryFilter(condition);

        if (after is not null)
        {
            And($"RowKey gt {after}");
        }

        DateTimeOffset? from = f.From is { } fd ? DossierFilter.StartOf(fd) : null;
        DateTimeOffset? until = f.To is { } td ? DossierFilter.StartOf(td.AddDays(1)) : null;
        switch (f.Sort)
        {
            case DossierSort.Newest:
                // Newest first: a later instant has a smaller key.
                if (from is { } a)
                {
                    And($"RowKey lt {NewestFirst.RowKey(a, "~")}");
                }

                if (until is { } b)
                {
                    And($"RowKey gt {NewestFirst.RowKey(b, "~")}");
                }

                break;
            case DossierSort.OldestOpen:
                if (from is { } c)
                {
                    And($"RowKey ge {DossierIndex.OldestFirstRowKey(c, "")}");
                }

                if (until is { } d)
                {
                    And($"RowKey lt {DossierIndex.OldestFirstRowKey(d, "")}");
                }

                break;
            case DossierSort.MostOverdue:
                And($"RowKey lt {DossierIndex.OldestFirstRowKey(f.Overdue ? now : DateTimeOffset.MaxValue.AddTicks(-1), "")}");
                if (from is { } e)
                {
                    And($"CreatedAt ge {e}");
                }

                if (until is { } g)
                {
                    And($"CreatedAt lt {g}");
                }

                break;
        }

        if (f.Status is { } status && usedFor != "status")
        {
            And($"Status eq {status.ToString()}");
        }

        if (f.Partner is { } partner && usedFor != "partner")
        {
            And($"PartnerId eq {partner}");
        }

        if (f.Category is { } category && usedFor != "category")
        {
            And($"Category eq {category}");
        }

        if (f.Neighbourhood is { } neighbourhood && usedFor != "neighbourhood")
        {
            And($"NeighbourhoodId eq {neighbourhood}");
        }

        if (f.Escalated is { } escalated && usedFor != "escalated")
        {
            And($"Escalated eq {escalated}");
        }

        if (f.Overdue && f.Sort != DossierSort.MostOverdue)
        {
            And($"DueAt lt {now}");
        }

        return table.QueryAsync<TableEntity>(filter, maxPerPage: 200, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The partition to read: the sort decides for the open-dossier orders; otherwise the narrowest filter, taking
    /// a search word first (words are rare), then escalated, neighbourhood, partner, category, status.
    /// </summary>
    private static (string Partition, string UsedFor) Partition(DossierFilter f) => f switch
    {
        { Sort: DossierSort.OldestOpen } => ("o", "sort"),
        { Sort: DossierSort.MostOverdue } => ("d", "sort"),
        { Words: [_, ..] } => ($"w|{f.Words.OrderByDescending(w => w.Length).First()}", "words"),
        { Escalated: true } => ("e", "escalated"),
        { Neighbourhood: { } n } => ($"n|{n}", "neighbourhood"),
        { Partner: { } p } => ($"p|{p}", "partner"),
        { Category: { } c } => ($"c|{c}", "category"),
        { Status: { } s } => ($"s|{s}", "status"),
        _ => ("all", "all"),
    };
}
