using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Wijkwacht.Dashboard;
using Wijkwacht.Hosting;
using Wijkwacht.Observations;
using Wijkwacht.Problems;
using Wijkwacht.Storage;
using Wijkwacht.Time;

namespace Wijkwacht.OpenData;

/// <summary>
/// Public, cacheable data for the city's data portal: daily counts per neighbourhood × category, and observations
/// on a ~100 m grid with no free text, no GAS details and no persons, as CSV and GeoJSON (RFC 7946), described by
/// a DCAT-AP catalogue a portal can harvest.
/// </summary>
internal static class OpenDataApi
{
    public const int MaxCountDays = 366;
    public const int MaxObservationDays = 92;
    private const string Cache = "public, max-age=3600";

    public static void AddOpenData(this WebApplicationBuilder builder)
    {
        builder.Services.AddKeyedSingleton(PublicObservations.Table, (sp, _) => sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>()
            .GetTableClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.TableName(PublicObservations.Table)));
        builder.Services.AddSingleton<IStorageResource, TableCreator>();
        builder.Services.AddSingleton<PublicObservations>();
        builder.Services.AddSingleton<IObservationChangeListener>(sp => sp.GetRequiredService<PublicObservations>());
    }

    public static void MapOpenData(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/opendata").WithTags("Open data").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        group.MapGet("/counts.csv", GetOpenDataCounts).WithName(nameof(GetOpenDataCounts));
        group.MapGet("/observations.csv", GetOpenDataObservationsCsv).WithName(nameof(GetOpenDataObservationsCsv));
        group.MapGet("/observations.geojson", GetOpenDataObservationsGeoJson).WithName(nameof(GetOpenDataObservationsGeoJson));
        group.MapGet("/catalog.jsonld", GetOpenDataCatalog).WithName(nameof(GetOpenDataCatalog));
    }

    /// <summary>Per Brussels day, neighbourhood and category: observations, dossiers opened and resolved (days with none left out).</summary>
    private static async Task<Results<ContentHttpResult, ValidationProblem>> GetOpenDataCounts(
        [AsParameters] OpenDataQuery query, AggregateStore aggregates, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var (from, to, errors) = query.Read(BrusselsTime.Day(time.GetUtcNow()), MaxCountDays);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var csv = new StringBuilder("date,neighbourhood,category,observations,dossiers_opened,dossiers_resolved\r\n");
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        var perDay = await Task.WhenAll(days.Select(day => aggregates.ReadRangeAsync(Period.Of(Grain.Day, day).Key, "a|", "a}", cancellationToken)));
        foreach (var (day, rows) in days.Zip(perDay))
        {
            foreach (var (key, counts) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var parts = key.Split('|');
                if (parts[1] == AggregateStore.All || parts[2] == AggregateStore.All || parts[3] != AggregateStore.All)
                {
                    continue; // roll-ups and per-partner rows
                }

                csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{Field(Uri.UnescapeDataString(parts[1]))},{Field(Uri.UnescapeDataString(parts[2]))},")
                    .Append(CultureInfo.InvariantCulture, $"{counts.Get(Contributions.Observations)},{counts.Get(Contributions.Opened)},{counts.Get(Contributions.Resolved)}\r\n");
            }
        }

        response.Headers.CacheControl = Cache;
        return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> GetOpenDataObservationsCsv(
        [AsParameters] OpenDataQuery query, PublicObservations published, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var (from, to, errors) = query.Read(BrusselsTime.Day(time.GetUtcNow()), MaxObservationDays);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var csv = new StringBuilder("id,date,category,neighbourhood,latitude,longitude\r\n");
        foreach (var o in await published.ListAsync(from, to, cancellationToken))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{o.Id},{o.Day:yyyy-MM-dd},{Field(o.Category)},{Field(o.Neighbourhood ?? "")},{o.Latitude},{o.Longitude}\r\n");
        }

        response.Headers.CacheControl = Cache;
        return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> GetOpenDataObservationsGeoJson(
        [AsParameters] OpenDataQuery query, PublicObservations published, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var (from, to, errors) = query.Read(BrusselsTime.Day(time.GetUtcNow()), MaxObservationDays);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var o in await published.ListAsync(from, to, cancellationToken))
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteString("id", o.Id);
                json.WriteStartObject("geometry");
                json.WriteString("type", "Point");
                json.WriteStartArray("coordinates");
                json.WriteNumberValue(o.Longitude); // RFC 7946: longitude first
                json.WriteNumberValue(o.Latitude);
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartObject("properties");
                json.WriteString("date", o.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("category", o.Category);
                json.WriteString("neighbourhood", o.Neighbourhood);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        response.Headers.CacheControl = Cache;
        return TypedResults.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/geo+json; charset=utf-8");
    }

    /// <summary>The DCAT-AP catalogue: both datasets and their distributions, in NL, FR and EN.</summary>
    private static ContentHttpResult GetOpenDataCatalog(IOptions<AppOptions> options, HttpResponse response)
    {
        response.Headers.CacheControl = Cache;
        return TypedResults.Text(OpenDataCatalog.JsonLd(options.Value.PublicUrl), "application/ld+json; charset=utf-8");
    }

    /// <summary>A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180).</summary>
    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private sealed class TableCreator(IServiceProvider services) : IStorageResource
    {
        public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
            services.GetRequiredKeyedService<Azure.Data.Tables.TableClient>(PublicObservations.Table).CreateIfNotExistsAsync(cancellationToken);
    }
}

/// <summary>The open-data query string: a period of Brussels days (default: the last 30 days up to today).</summary>
public sealed record OpenDataQuery(
    [property: RegularExpression(@"^\d{4}-\d{2}-\d{2}$", ErrorMessage = "Use a date written yyyy-MM-dd.")] string? From,
    [property: RegularExpression(@"^\d{4}-\d{2}-\d{2}$", ErrorMessage = "Use a date written yyyy-MM-dd.")] string? To)
{
    internal (DateOnly From, DateOnly To, Dictionary<string, string[]>? Errors) Read(DateOnly today, int maxDays)
    {
        var errors = new Dictionary<string, string[]>();
        var to = Parse(To, "to", errors) ?? today;
        var from = Parse(From, "from", errors) ?? to.AddDays(-29);
        if (errors.Count == 0 && from > to)
        {
            errors["from"] = ["The period starts after it ends."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber >= maxDays)
        {
            errors["from"] = [$"A period is at most {maxDays} days here."];
        }

        return (from, to, errors.Count == 0 ? null : errors);
    }

    private static DateOnly? Parse(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }

        errors[field] = ["Use an existing date between 2000 and 2100, written yyyy-MM-dd."];
        return null;
    }
}
