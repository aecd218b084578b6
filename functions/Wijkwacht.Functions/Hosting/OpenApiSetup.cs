using System.Text.Json;
using Microsoft.OpenApi;

namespace Wijkwacht.Hosting;

internal static class OpenApiSetup
{
    /// <summary>The API's description at /api/openapi.json, with query parameters named as clients send them.</summary>
    public static void AddApiDescription(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddOperationTransformer((operation, _, _) =>
        {
            // Query records ([AsParameters]) would be described by their C# names (PageSize); clients send pageSize.
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query) ?? [])
            {
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            }

            return Task.CompletedTask;
        }));
    }
}
