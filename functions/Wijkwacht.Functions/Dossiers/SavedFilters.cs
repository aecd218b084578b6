using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

/// <summary>A filter of the dossier list a coordinator keeps under a name: the list's query string.</summary>
public sealed record SavedFilterRequest(
    [property: Required, StringLength(60, MinimumLength = 1)] string? Name,
    [property: Required(AllowEmptyStrings = true), StringLength(1000)] string? Query);

internal sealed record SavedFilter(string Id, string Name, string Query, DateTimeOffset SavedAt);

/// <summary>
/// Saved filters, one partition per user (the partition key is a hash of the user id, which may hold characters
/// a key cannot). The id comes from the name, so saving under a name again replaces that filter, and a retried
/// save changes nothing.
/// </summary>
internal sealed class SavedFilters([FromKeyedServices(Tables.SavedFilters)] TableClient table, TimeProvider time)
{
    public const int MaxPerUser = 30;

    public async Task<IReadOnlyList<SavedFilter>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var list = new List<SavedFilter>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(userId)}"), cancellationToken: cancellationToken))
        {
            list.Add(new SavedFilter(e.RowKey, e.GetString("Name"), e.GetString("Query"), e.GetDateTimeOffset("SavedAt")!.Value));
        }

        return [.. list.OrderBy(f => f.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <returns>The filter, or null when the user has as many as they may keep already.</returns>
    public async Task<SavedFilter?> SaveAsync(string userId, string name, string query, CancellationToken cancellationToken)
    {
        var id = IdFor(name);
        var existing = await ListAsync(userId, cancellationToken);
        if (existing.Count >= MaxPerUser && existing.All(f => f.Id != id))
        {
            return null;
        }

        var saved = new SavedFilter(id, name.Trim(), query, time.GetUtcNow());
        await table.UpsertEntityAsync(new TableEntity(Partition(userId), id)
        {
            ["Name"] = saved.Name,
            ["Query"] = saved.Query,
            ["SavedAt"] = saved.SavedAt,
        }, TableUpdateMode.Replace, cancellationToken);
        return saved;
    }

    /// <returns>false when the user has no such filter.</returns>
    public async Task<bool> DeleteAsync(string userId, string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await table.DeleteEntityAsync(Partition(userId), id, Azure.ETag.All, cancellationToken)).Status != 404;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public static string IdFor(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name.Trim().ToLowerInvariant())))[..16];

    private static string Partition(string userId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
}
