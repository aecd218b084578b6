using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wijkwacht.Identity;

namespace Wijkwacht.Tests.Infrastructure;

/// <summary>
/// The handler on real Kestrel, on a free port, against the run's Azurite, with its own table, container and
/// queue names. The local trigger host inside it drives queues and timers as the Functions host would.
/// </summary>
public sealed class WijkwachtApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;

    // A developer's local.settings.json must not leak into the tests: every setting a test needs is set here.
    static WijkwachtApp() => Environment.SetEnvironmentVariable("WIJKWACHT_LOCAL_SETTINGS", Path.Combine(Path.GetTempPath(), "no-local-settings.json"));

    public WijkwachtApp(
        AzuriteFixture azurite,
        TimeProvider? time = null,
        string environment = "Development",
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        StorageConnectionString = azurite.ConnectionString;
        _time = time;
        _environment = environment;
        _settings = new Dictionary<string, string?>
        {
            ["WijkwachtStorage"] = azurite.ConnectionString,
            ["Storage:Prefix"] = Prefix,
            ["Messaging:Transport"] = "StorageQueue",
            ["ForwardingQueue"] = $"{Prefix}-forwarding",
            ["FollowUpQueue"] = $"{Prefix}-follow-up",
            ["FollowUpSweepSchedule"] = "0 */1 * * * *",
            // Once a year: tests that jump a fake clock over days would otherwise race the reconciliation against
            // the sweep (harmless in production, where the next sweep comes a minute later); it has its own test.
            ["FollowUpReconcileSchedule"] = "0 0 0 1 1 *",
            ["RetentionSweepSchedule"] = "0 0 0 1 1 *", // driven by its own test
            ["FollowUp:ReminderDelay"] = "2.00:00:00",
            ["FollowUp:ForwardingCheckDelay"] = "00:10:00",
            ["LocalTriggerHost:MinPollingInterval"] = "00:00:00.020",
            ["LocalTriggerHost:MaxPollingInterval"] = "00:00:00.200",
            ["LocalTriggerHost:RetryDelay"] = "00:00:00",
            ["App:PublicUrl"] = "http://localhost:7071",
            ["Storage:CorsOrigins"] = "*", // pages under test upload photos straight to Azurite
            ["RateLimiting:PublicPermitsPerMinute"] = "100000", // every test client shares 127.0.0.1
            ["RateLimiting:PublicTotalPermitsPerMinute"] = "1000000",
            ["RateLimiting:CitizenReportsPerHour"] = "100000",
            ["SignedLinks:Keys:0:Id"] = "test-1",
            ["SignedLinks:Keys:0:Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Wijkwacht"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(0);
    }

    public string Prefix { get; }

    public string StorageConnectionString { get; }

    public string Setting(string key) => _settings[key]!;

    public TableClient Table(string logicalName) => new(StorageConnectionString, Prefix + logicalName);

    public BlobContainerClient Container(string logicalName) => new(StorageConnectionString, $"{Prefix}-{logicalName}");

    public QueueClient Queue(string name) => new(StorageConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>A client signed in as Static Web Apps would forward the user: the x-ms-client-principal header.</summary>
    public HttpClient ClientAs(string userId, params string[] roles)
    {
        var client = CreateClient();
        var principal = new ClientPrincipal("aad", userId, $"{userId}@example.brussels", ["anonymous", "authenticated", .. roles]);
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, principal.Encode());
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            if (_time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(_time);
            }

            _services?.Invoke(services);
        });
    }
}
