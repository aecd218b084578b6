using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.CitizenReports;

internal sealed record StoredCitizenReport(CitizenReport Report, ETag ETag);

/// <summary>
/// One table, partitioned by what each query needs: a report under its reference (the status link's point read);
/// an index of references per e-mail address (the access export); answer counts per partner and category; the
/// acknowledgement mails sent per address and day (the cap on mail to addresses nobody proved).
/// </summary>
internal sealed class CitizenReportStore([FromKeyedServices(Tables.CitizenReports)] TableClient table)
{
    private const string ReportRow = "report";

    /// <returns>The stored report, and whether this call created it.</returns>
    public async Task<(StoredCitizenReport Stored, bool Created)> AddAsync(CitizenReport report, CancellationToken cancellationToken)
    {
        var created = true;
        try
        {
            await table.AddEntityAsync(ToEntity(report), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            created = false;
        }

        var stored = await GetAsync(report.Reference, cancellationToken) ?? throw new InvalidOperationException($"Citizen report {report.Reference} vanished.");
        if (stored.Report.Email is { } email)
        {
            // Written on every attempt, so a retry after a crash completes the index.
            await table.UpsertEntityAsync(new TableEntity(EmailPartition(email), stored.Report.Reference), TableUpdateMode.Replace, cancellationToken);
        }

        return (stored, created);
    }

    public async Task<StoredCitizenReport?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        if (reference.Length is < 5 or > 20 || !reference.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }

        var entity = await table.GetEntityIfExistsAsync<TableEntity>(reference, ReportRow, cancellationToken: cancellationToken);
        return entity.HasValue ? new StoredCitizenReport(FromEntity(entity.Value!), entity.Value!.ETag) : null;
    }

    public Task<StoredCitizenReport?> ForObservationAsync(Guid observationId, CancellationToken cancellationToken) =>
        GetAsync(CitizenReport.ReferenceFor(observationId), cancellationToken);

    /// <returns>false when the report changed since it was read.</returns>
    public async Task<bool> ReplaceAsync(CitizenReport report, ETag readETag, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(ToEntity(report), readETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<CitizenReport>> ForEmailAsync(string email, CancellationToken cancellationToken)
    {
        var found = new List<CitizenReport>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {EmailPartition(email)}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (await GetAsync(row.RowKey, cancellationToken) is { } stored && stored.Report.Email is { } held && Same(held, email))
            {
                found.Add(stored.Report);
            }
        }

        return found;
    }

    /// <summary>Reports whose contact details are still held: the retention job's nightly read.</summary>
    public async IAsyncEnumerable<StoredCitizenReport> WithContactAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {ReportRow} and HasContact eq {true}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new StoredCitizenReport(FromEntity(row), row.ETag);
        }
    }

    public async Task ForgetEmailAsync(string email, string reference, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(EmailPartition(email), reference, ETag.All, cancellationToken);

    /// <summary>Counts one answer for the partner and category; false when the count changed meanwhile (try again).</summary>
    public async Task<bool> CountFeedbackAsync(string partnerId, string category, bool fixedIt, CancellationToken cancellationToken)
    {
        var key = FeedbackPartition(partnerId);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(key, category, cancellationToken: cancellationToken);
        var row = existing.HasValue ? existing.Value! : new TableEntity(key, category) { ["Fixed"] = 0, ["NotFixed"] = 0 };
        var column = fixedIt ? "Fixed" : "NotFixed";
        row[column] = (row.GetInt32(column) ?? 0) + 1;
        try
        {
            if (existing.HasValue)
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await table.AddEntityAsync(row, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The answers counted for each category of a partner.</summary>
    public async Task<IReadOnlyList<(string Category, int Fixed, int NotFixed)>> FeedbackCountsAsync(string partnerId, CancellationToken cancellationToken)
    {
        var counts = new List<(string, int, int)>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {FeedbackPartition(partnerId)}"), cancellationToken: cancellationToken))
        {
            counts.Add((row.RowKey, row.GetInt32("Fixed") ?? 0, row.GetInt32("NotFixed") ?? 0));
        }

        return counts;
    }

    /// <summary>Claims one more acknowledgement mail to this address today; false when the day's cap is reached.</summary>
    public async Task<bool> ClaimMailAsync(string email, DateOnly day, int cap, CancellationToken cancellationToken)
    {
        var key = MailCapPartition(email);
        var rowKey = day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(key, rowKey, cancellationToken: cancellationToken);
            var sent = existing.HasValue ? existing.Value!.GetInt32("Sent") ?? 0 : 0;
            if (sent >= cap)
            {
                return false;
            }

            var row = new TableEntity(key, rowKey) { ["Sent"] = sent + 1 };
            try
            {
                if (existing.HasValue)
                {
                    await table.UpdateEntityAsync(row, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }

                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // another report for the same address at the same moment: read the count again
            }
        }

        return false;
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    // Addresses are hashed in keys: a key may not hold every character an address can, and keys show up in logs.
    private static string EmailPartition(string email) => "email|" + Hash(email);

    private static string MailCapPartition(string email) => "mailcap|" + Hash(email);

    private static string FeedbackPartition(string partnerId) => "feedback|" + partnerId;

    private static string Hash(string email) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    private static TableEntity ToEntity(CitizenReport r) => new(r.Reference, ReportRow)
    {
        ["Id"] = r.Id,
        ["Category"] = r.Category,
        ["Language"] = r.Language,
        ["Email"] = r.Email,
        ["Phone"] = r.Phone,
        ["HasContact"] = r.HasContact,
        ["SubmittedAt"] = r.SubmittedAt,
        ["ReceivedAt"] = r.ReceivedAt,
        ["ExpectedAnswerBy"] = r.ExpectedAnswerBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Channel"] = r.Channel,
        ["ContactErasedAt"] = r.ContactErasedAt,
        ["FeedbackFixed"] = r.Feedback?.Fixed,
        ["FeedbackReason"] = r.Feedback?.Reason,
        ["FeedbackComment"] = r.Feedback?.Comment,
        ["FeedbackAt"] = r.Feedback?.At,
        ["FeedbackPartnerId"] = r.Feedback?.PartnerId,
        ["FeedbackCategory"] = r.Feedback?.Category,
        ["FeedbackCounted"] = r.Feedback?.Counted,
    };

    private static CitizenReport FromEntity(TableEntity e) => new()
    {
        Id = e.GetGuid("Id")!.Value,
        Category = e.GetString("Category"),
        Language = e.GetString("Language"),
        Email = e.GetString("Email"),
        Phone = e.GetString("Phone"),
        SubmittedAt = e.GetDateTimeOffset("SubmittedAt")!.Value,
        ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? e.GetDateTimeOffset("SubmittedAt")!.Value,
        ExpectedAnswerBy = DateOnly.ParseExact(e.GetString("ExpectedAnswerBy"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Channel = e.GetString("Channel") ?? "web",
        ContactErasedAt = e.GetDateTimeOffset("ContactErasedAt"),
        Feedback = e.GetBoolean("FeedbackFixed") is { } fixedIt
            ? new CitizenFeedback(fixedIt, e.GetString("FeedbackReason"), e.GetString("FeedbackComment"), e.GetDateTimeOffset("FeedbackAt")!.Value,
                e.GetString("FeedbackPartnerId"), e.GetString("FeedbackCategory"), e.GetBoolean("FeedbackCounted") ?? false)
            : null,
    };
}
