using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Wijkwacht.Problems;

/// <summary>
/// Every problem an endpoint answers with, built in one place: problem+json with a stable top-level
/// <c>code</c>, and for field errors <c>errors: { field: [message…] }</c> beside <c>codes: { field: [code…] }</c>.
/// The codes are listed in docs/errors.md.
/// </summary>
internal static class Problem
{
    /// <summary>How long a client should wait before trying again while a dependency is down.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>400: one field is wrong.</summary>
    public static ValidationProblem Invalid(string field, string code, string message) => Invalid(FieldErrors.One(field, code, message));

    /// <summary>400: fields are wrong.</summary>
    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.Messages(), extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.InvalidInput, ["codes"] = errors.Codes() });

    /// <summary>422: the fields are well-formed, but what they name cannot be used (a photo that is not there).</summary>
    public static ProblemHttpResult Unusable(string field, string code, string title, string message) =>
        TypedResults.Problem(title: title, detail: message, statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = code,
                ["errors"] = new Dictionary<string, string[]> { [field] = [message] },
                ["codes"] = new Dictionary<string, string[]> { [field] = [code] },
            });

    /// <summary>412: the If-Match version is not the stored one; someone else changed it since it was read.</summary>
    public static ProblemHttpResult ChangedMeanwhile(string what) => TypedResults.Problem(
        title: $"The {what} changed meanwhile.",
        detail: "Someone else made a change since you loaded this. Reload and try again.",
        statusCode: StatusCodes.Status412PreconditionFailed,
        extensions: Code(ErrorCodes.ChangedMeanwhile));

    /// <summary>409: every retry of a guarded write lost its race; the client may simply try again.</summary>
    public static ProblemHttpResult KeepsChanging(string what) => TypedResults.Problem(
        title: $"The {what} keeps changing.",
        detail: "Try again in a moment.",
        statusCode: StatusCodes.Status409Conflict,
        extensions: Code(ErrorCodes.KeepsChanging));

    /// <summary>409: the status change is not allowed from the current status.</summary>
    public static ProblemHttpResult IllegalTransition(string detail) => TypedResults.Problem(
        title: "Illegal dossier transition.", detail: detail, statusCode: StatusCodes.Status409Conflict, extensions: Code(ErrorCodes.IllegalTransition));

    /// <summary>409: another rule of the domain stands in the way.</summary>
    public static ProblemHttpResult Conflict(string code, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict, extensions: Code(code, extensions));

    /// <summary>403 or 404 with a code: refusals that are not about a field.</summary>
    public static ProblemHttpResult Refused(int status, string code, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: Code(code));

    /// <summary>503 with Retry-After: a dependency (storage, the calendar) cannot be reached; nothing was done.</summary>
    public static ProblemHttpResult Unavailable(string dependency, HttpResponse response)
    {
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: UnavailableTitle(dependency), detail: "Nothing was changed. Try again in a few seconds.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: Code(ErrorCodes.Unavailable, new Dictionary<string, object?> { ["dependency"] = dependency }));
    }

    public static string UnavailableTitle(string dependency) => dependency switch
    {
        Dependencies.Storage => "Storage is not reachable.",
        Dependencies.Calendar => "The officer's calendar cannot be read right now.",
        _ => $"{dependency} is not reachable.",
    };

    private static Dictionary<string, object?> Code(string code, IDictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?>(more ?? new Dictionary<string, object?>()) { ["code"] = code };
        return extensions;
    }
}

/// <summary>The dependencies a 503 can name (problem extension <c>dependency</c>, and /api/health).</summary>
internal static class Dependencies
{
    public const string Storage = "storage";
    public const string Calendar = "calendar";
}

/// <summary>
/// A dependency could not be reached while handling a request: answered 503 with Retry-After. Not a domain
/// rule: nothing about the request was wrong.
/// </summary>
internal sealed class DependencyUnavailableException(string dependency, Exception? inner = null)
    : Exception($"{dependency} is not reachable.", inner)
{
    public string Dependency { get; } = dependency;
}
