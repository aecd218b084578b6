using Microsoft.AspNetCore.Http.HttpResults;

namespace Wijkwacht.Problems;

/// <summary>
/// A refusal a page explains to the user in their own language: a problem with a stable <c>code</c> extension
/// next to the English title and detail, which stay for integrators and logs.
/// </summary>
internal static class Refusals
{
    public static ProblemHttpResult Refused(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: all);
    }
}
