using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Dossiers;
using Wijkwacht.Hosting;
using Wijkwacht.Messaging;
using Wijkwacht.Privacy;
using Wijkwacht.Scheduling;

namespace Wijkwacht.Triggers;

/// <summary>Marks an endpoint as the handler of the non-HTTP function with this name (its function.json folder).</summary>
internal sealed record TriggerFunctionAttribute(string Name);

/// <summary>
/// The routes the Functions host (or the local trigger host) posts non-HTTP invocations to: POST /{FunctionName}.
/// They sit outside /api, which the host never forwards from the outside world. (The host's readiness probe,
/// GET /, is satisfied by any answer, a 404 included.)
/// </summary>
internal static class TriggersApi
{
    public static void AddTriggers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LocalTriggerHostOptions>().BindConfiguration("LocalTriggerHost");
        builder.Services.AddHttpClient(nameof(LocalTriggerHost), c => c.Timeout = TimeSpan.FromMinutes(6));
        if (!HostingSetup.UnderFunctionsHost && builder.Configuration.GetValue("LocalTriggerHost:Enabled", true))
        {
            builder.Services.AddHostedService<LocalTriggerHost>();
        }
    }

    public static void MapTriggers(this IEndpointRouteBuilder app)
    {
        app.MapTrigger("ForwardDossier", async (InvocationRequest invocation, Forwarding forwarding, CancellationToken ct) =>
        {
            var message = invocation.ReadMessage("message", MessagesJsonContext.Default.ForwardDossierMessage);
            var dossierId = await forwarding.ForwardAsync(message.ObservationId, ct);
            return InvocationResult.Done($"Observation {message.ObservationId} is in dossier {dossierId}.");
        });

        app.MapTrigger("FollowUpStep", async (InvocationRequest invocation, FollowUpSteps steps, CancellationToken ct) =>
        {
            var message = invocation.ReadMessage("message", MessagesJsonContext.Default.FollowUpStepMessage);
            var outcome = await steps.RunAsync(message, ct);
            return InvocationResult.Done($"{message.Kind} for {message.TargetId}: {outcome}.");
        });

        app.MapTrigger("FollowUpSweep", async (InvocationRequest _, FollowUpSweep sweep, CancellationToken ct) =>
        {
            var dispatched = await sweep.RunAsync(ct);
            return InvocationResult.Done($"{dispatched} follow-up steps dispatched.");
        });

        app.MapTrigger("FollowUpReconcile", async (InvocationRequest _, FollowUpReconciliation reconciliation, CancellationToken ct) =>
        {
            var armed = await reconciliation.RunAsync(ct);
            return InvocationResult.Done($"{armed} follow-up steps armed again.");
        });

        app.MapTrigger("RetentionSweep", async (InvocationRequest _, Retention retention, CancellationToken ct) =>
        {
            var erased = await retention.RunAsync(ct);
            return InvocationResult.Done($"Personal data of {erased} bookings erased.");
        });
    }

    private static void MapTrigger<TService>(this IEndpointRouteBuilder app, string functionName,
        Func<InvocationRequest, TService, CancellationToken, Task<InvocationResult>> handler)
        where TService : notnull
    {
        app.MapPost($"/{functionName}", async Task<JsonHttpResult<InvocationResult>> (HttpRequest request, TService service, CancellationToken ct) =>
            {
                var invocation = await JsonSerializer.DeserializeAsync(request.Body, InvocationJsonContext.Default.InvocationRequest, ct)
                    ?? new InvocationRequest(null, null);
                // The host reads Outputs, Logs and ReturnValue: its names, not our camelCase API style.
                return TypedResults.Json(await handler(invocation, service, ct), InvocationJsonContext.Default.InvocationResult);
            })
            .WithName(functionName)
            .WithMetadata(new TriggerFunctionAttribute(functionName))
            .ExcludeFromDescription();
    }
}
