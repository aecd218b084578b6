namespace Wijkwacht.Problems;

/// <summary>
/// Every request that changes something takes JSON or nothing at all. A browser lets any site post a form
/// (application/x-www-form-urlencoded, multipart/form-data or text/plain) to us without asking, with the user's
/// cookies; a JSON body needs a CORS preflight that we never grant. So a state-changing /api request with another
/// content type, or a body without one, is refused with 415 before any endpoint runs: one rule for every
/// endpoint, including those that read no body (renewing a partner link).
/// </summary>
internal static class JsonBodiesOnly
{
    public static void UseJsonBodiesOnly(this WebApplication app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && !IsJsonOrEmpty(request))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status415UnsupportedMediaType, Title = "Send the body as application/json.", Detail = "This API takes JSON bodies only." },
            });
            return;
        }

        await next(context);
    });

    private static bool IsJsonOrEmpty(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any(v => !string.IsNullOrEmpty(v));
        }

        // application/json and the +json types (application/merge-patch+json for corrections), any charset.
        return Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.HasValue
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || (type.Type.Equals("application", StringComparison.OrdinalIgnoreCase) && type.SubType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));
    }
}
