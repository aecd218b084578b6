using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Wijkwacht.Storage;

namespace Wijkwacht.Dashboard;

/// <summary>The dashboard's own tables, registered and created here so the feature stays in its folder.</summary>
internal static class DashboardTables
{
    /// <summary>Counts per period × neighbourhood × category × partner (see AggregateStore).</summary>
    public const string Aggregates = "DashboardAggregates";

    /// <summary>Per observation and dossier, what it currently adds to the aggregates (see DashboardFeed).</summary>
    public const string Facts = "DashboardFacts";

    /// <summary>Open dossiers by the time they fall late, so "overdue now" is a row-key range (see OpenDossiers).</summary>
    public const string OpenDossiers = "DashboardOpenDossiers";

    public static readonly string[] All = [Aggregates, Facts, OpenDossiers];

    public static void AddDashboardTables(this IServiceCollection services)
    {
        foreach (var name in All)
        {
            services.AddKeyedSingleton(name, (sp, _) => sp.GetRequiredService<TableServiceClient>()
                .GetTableClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.TableName(name)));
        }

        services.AddSingleton<IStorageResource, Creator>();
    }

    private sealed class Creator(IServiceProvider services) : IStorageResource
    {
        public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
        {
            foreach (var name in All)
            {
                await services.GetRequiredKeyedService<TableClient>(name).CreateIfNotExistsAsync(cancellationToken);
            }
        }
    }
}
