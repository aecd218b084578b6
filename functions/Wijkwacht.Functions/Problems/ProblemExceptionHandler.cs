using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Wijkwacht.Problems;

/// <summary>
/// Turns every exception into problem+json, in one place: bad requests name the offending field, broken domain
/// rules answer 409, anything else is a 500 without internal details.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => InvalidJson(json),
            BadHttpRequestException bad when UnboundParameter().Match(bad.Message) is { Success: true } unbound => InvalidParameter(unbound.Groups["name"].Value),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = TitleFor(bad.StatusCode) },
            DomainRuleException rule => new ProblemDetails { Status = rule.StatusCode, Title = rule.Title, Detail = rule.Message, Extensions = { ["code"] = rule.Code } },
            DependencyUnavailableException down => Unavailable(context, down.Dependency, exception),
            _ when RequestBudget.IsStorageUnreachable(exception) => Unavailable(context, Dependencies.Storage, exception),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}.", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Something went wrong on our side." };
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = null });
    }

    private static HttpValidationProblemDetails InvalidJson(JsonException json)
    {
        // System.Text.Json's own messages name .NET types; ours name only the field.
        var (field, code, message) = json.Message switch
        {
            CleanText.Message => (FieldName(json.Path), ErrorCodes.ControlCharacter, CleanText.Message),
            var m when m.Contains("could not be mapped", StringComparison.Ordinal) => (FieldName(json.Path), ErrorCodes.UnknownField, "This field is unknown."),
            var m when m.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => (FieldName(json.Path), ErrorCodes.DuplicateField, "This field appears more than once."),
            var m when m.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) => (FieldName(json.Path), ErrorCodes.WrongType, "This value has the wrong type or format."),
            _ => ("body", ErrorCodes.InvalidJson, "The body is not valid JSON."),
        };
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body could not be read.",
            Extensions = { ["codes"] = new Dictionary<string, string[]> { [field] = [code] } },
        };
    }

    private static HttpValidationProblemDetails InvalidParameter(string name) =>
        new(new Dictionary<string, string[]> { [JsonNamingPolicy.CamelCase.ConvertName(name)] = ["This value has the wrong type or format."] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        };

    // "$.location.latitude" → "location.latitude"; "$" → "body".
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    // ASP.NET Core's binding failure: Failed to bind parameter "int? PageSize" from "abc".
    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"[^\"]*?(?<name>\\w+)\" from")]
    private static partial System.Text.RegularExpressions.Regex UnboundParameter();

    private ProblemDetails Unavailable(HttpContext context, string dependency, Exception exception)
    {
        logger.LogWarning(exception, "{Dependency} unreachable for {Method} {Path}.", dependency, context.Request.Method, context.Request.Path);
        context.Response.Headers.RetryAfter = Problem.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = Problem.UnavailableTitle(dependency),
            Detail = "Try again in a few seconds.",
            Extensions = { ["code"] = ErrorCodes.Unavailable, ["dependency"] = dependency },
        };
    }

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => "The request could not be read.",
    };
}

/// <summary>A request that is well-formed but breaks a domain rule (an illegal transition, a taken slot).</summary>
internal class DomainRuleException(string code, string title, string message, int statusCode = StatusCodes.Status409Conflict) : Exception(message)
{
    /// <summary>The stable code of the rule (ErrorCodes).</summary>
    public string Code { get; } = code;

    public string Title { get; } = title;

    public int StatusCode { get; } = statusCode;
}
