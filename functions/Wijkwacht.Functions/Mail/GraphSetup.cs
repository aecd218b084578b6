using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Wijkwacht.Mail;

internal static class GraphSetup
{
    /// <summary>One Graph client, as the function app's managed identity, for mail and calendars alike.</summary>
    public static void AddGraph(this IServiceCollection services) =>
        services.TryAddSingleton(_ => new Microsoft.Graph.GraphServiceClient(new Azure.Identity.DefaultAzureCredential(), ["https://graph.microsoft.com/.default"]));
}
