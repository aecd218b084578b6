using Wijkwacht.Messaging;

namespace Wijkwacht.Scheduling;

/// <summary>One kind of step and the feature code that runs it. Each feature registers the kinds it arms.</summary>
internal sealed record StepHandler(string Kind, Func<FollowUpStepMessage, CancellationToken, Task<string>> RunAsync);

/// <summary>Runs one due step. Each step re-reads the state it is about and does nothing if it no longer applies.</summary>
internal sealed class FollowUpSteps(IEnumerable<StepHandler> handlers)
{
    private readonly Dictionary<string, StepHandler> _byKind = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    public Task<string> RunAsync(FollowUpStepMessage message, CancellationToken cancellationToken) =>
        _byKind.TryGetValue(message.Kind, out var handler)
            ? handler.RunAsync(message, cancellationToken)
            : throw new InvalidDataException($"Unknown follow-up step kind {message.Kind}.");
}

internal static class SchedulingSetup
{
    public static void AddScheduling(this WebApplicationBuilder builder)
    {
        // The section keeps its name: the settings are FollowUp__SweepBatchSize and FollowUp__ForwardingCheckDelay.
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration("FollowUp");
        builder.Services.AddSingleton<FollowUpSchedule>();
        builder.Services.AddSingleton<FollowUpSweep>();
        builder.Services.AddSingleton<FollowUpSteps>();
    }

    /// <summary>Steps of <paramref name="kind"/> are run by <paramref name="run"/> on the feature's <typeparamref name="TService"/>.</summary>
    public static IServiceCollection AddStepHandler<TService>(this IServiceCollection services, string kind, Func<TService, FollowUpStepMessage, CancellationToken, Task<string>> run)
        where TService : notnull =>
        services.AddSingleton(sp =>
        {
            var service = sp.GetRequiredService<TService>();
            return new StepHandler(kind, (message, ct) => run(service, message, ct));
        });
}
