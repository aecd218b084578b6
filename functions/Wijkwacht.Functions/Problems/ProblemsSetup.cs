using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Wijkwacht.Problems;

internal static class ProblemsSetup
{
    /// <summary>The largest request body any endpoint accepts; endpoints that take less say so themselves.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static void AddProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            var validation = problem as HttpValidationProblemDetails;
            if (validation is not null)
            {
                CamelCaseFieldNames(validation.Errors);
                problem.Extensions["codes"] = validation.Errors.ToDictionary(e => e.Key, e => e.Value.Select(ProblemCodes.ForField).ToArray());
            }

            problem.Extensions["code"] = ProblemCodes.ForProblem(problem.Status ?? context.HttpContext.Response.StatusCode, problem.Title, validation?.Errors.Count > 0);
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddValidation();

        // Binding failures (broken JSON, wrong types) reach ProblemExceptionHandler, which names the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options => Configure(options.SerializerOptions));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
    }

    /// <summary>
    /// JSON rules for every request: unknown and duplicate fields are errors, not silently dropped, so a typo in a
    /// field name never loses data; enums are kebab-case strings.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    // DataAnnotations name fields as C# does (Location.Latitude); clients know them as JSON does (location.latitude).
    private static void CamelCaseFieldNames(IDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors.ToList())
        {
            var jsonName = string.Join('.', field.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
            if (jsonName != field)
            {
                errors.Remove(field);
                errors[jsonName] = messages;
            }
        }
    }

    public static void UseProblems(this WebApplication app)
    {
        // Every API answer: never sniffed into another type, never cached by a browser or proxy (personal data).
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.XContentTypeOptions = "nosniff";
                    if (!context.Response.Headers.ContainsKey("Cache-Control"))
                    {
                        context.Response.Headers.CacheControl = "no-store";
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }
}
