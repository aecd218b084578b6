using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Wijkwacht.Storage;

/// <summary>Logical table names; the configured prefix keeps test runs and environments apart.</summary>
internal static class Tables
{
    public const string Observations = "Observations";
    public const string Dossiers = "Dossiers";
    public const string FollowUpDue = "FollowUpDue";
    public const string Partners = "Partners";
    public const string LinkRevocations = "LinkRevocations";
    public const string AuditTrail = "AuditTrail";
    public const string WebhookDeliveries = "WebhookDeliveries";
    public const string DossierIndex = "DossierIndex";
    public const string DossierLocations = "DossierLocations";
    public const string ObservationIndex = "ObservationIndex";
    public const string Agenda = "Agenda";
    public const string SentMail = "SentMail";
    public const string Bookings = "Bookings";
    public const string BookingIndex = "BookingIndex";
    public const string PersonalData = "PersonalData";
    public const string CalendarEvents = "CalendarEvents";
    public const string SavedFilters = "SavedFilters";

    public static readonly string[] All = [Observations, ObservationIndex, Agenda, SentMail, Dossiers, DossierIndex, DossierLocations, FollowUpDue, Partners, LinkRevocations, AuditTrail, WebhookDeliveries, Bookings, BookingIndex, PersonalData, CalendarEvents, SavedFilters];
}

internal static class Containers
{
    public const string Outbox = "outbox";
    public const string Config = "config";
    public const string Photos = "photos";

    public static readonly string[] All = [Outbox, Config, Photos];
}

internal sealed class StorageOptions
{
    public const string ConnectionSetting = "WijkwachtStorage";

    /// <summary>Lower-case letters and digits put in front of every table and container name.</summary>
    public string Prefix { get; set; } = "";

    public string TableName(string logical) => Prefix + logical;

    public string ContainerName(string logical) => Prefix.Length == 0 ? logical : $"{Prefix}-{logical}";
}

internal static class StorageSetup
{
    public static void AddStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>()
            .BindConfiguration("Storage")
            .Validate(o => o.Prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)), "Storage:Prefix must be lower-case letters and digits.");

        var connection = StorageConnection.From(builder.Configuration);
        services.AddSingleton(connection.CreateTableService());
        services.AddSingleton(connection.CreateBlobService());
        services.AddSingleton(connection.CreateQueueService());

        foreach (var table in Tables.All)
        {
            services.AddKeyedSingleton(table, (sp, _) => sp.GetRequiredService<TableServiceClient>()
                .GetTableClient(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.TableName(table)));
        }

        foreach (var container in Containers.All)
        {
            services.AddKeyedSingleton(container, (sp, _) => sp.GetRequiredService<BlobServiceClient>()
                .GetBlobContainerClient(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.ContainerName(container)));
        }

        services.AddHostedService<StorageInitializer>();
    }
}

/// <summary>
/// The app's storage account: a connection string (Azurite locally), or an account name reached with the
/// managed identity in Azure (WijkwachtStorage__accountName).
/// </summary>
internal sealed record StorageConnection(string? ConnectionString, string? AccountName)
{
    public static StorageConnection From(IConfiguration configuration)
    {
        var connectionString = configuration[StorageOptions.ConnectionSetting];
        var accountName = configuration[$"{StorageOptions.ConnectionSetting}:accountName"];
        if (string.IsNullOrWhiteSpace(connectionString) && string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException(
                $"Set {StorageOptions.ConnectionSetting} to a connection string or {StorageOptions.ConnectionSetting}__accountName to an account name.");
        }

        return new StorageConnection(string.IsNullOrWhiteSpace(connectionString) ? null : connectionString, accountName);
    }

    public TableServiceClient CreateTableService() => ConnectionString is not null
        ? new TableServiceClient(ConnectionString)
        : new TableServiceClient(Endpoint("table"), new DefaultAzureCredential());

    public BlobServiceClient CreateBlobService() => ConnectionString is not null
        ? new BlobServiceClient(ConnectionString)
        : new BlobServiceClient(Endpoint("blob"), new DefaultAzureCredential());

    // The Functions host writes queue messages base64-encoded and expects them so on its queue triggers.
    public QueueServiceClient CreateQueueService()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return ConnectionString is not null
            ? new QueueServiceClient(ConnectionString, options)
            : new QueueServiceClient(Endpoint("queue"), new DefaultAzureCredential(), options);
    }

    private Uri Endpoint(string service) => new($"https://{AccountName}.{service}.core.windows.net");
}
