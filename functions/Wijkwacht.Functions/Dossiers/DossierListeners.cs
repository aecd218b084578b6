namespace Wijkwacht.Dossiers;

/// <summary>
/// Feature code told that a dossier was forwarded, took an observation in or changed status (citizen reports mail
/// their reporters from it). A feature registers one with <see cref="DossierListenerSetup.AddDossierListener"/>;
/// the dossier flow knows no feature.
/// </summary>
internal sealed record DossierListener(Func<Dossier, CancellationToken, Task> OnChangedAsync);

/// <summary>
/// Tells every listener, after the change is saved. A listener must be safe to call again for the same state:
/// a redelivered forward calls it again, and its mails are sent under fixed ids. A failing listener does not
/// undo or fail the saved change; it is logged.
/// </summary>
internal sealed class DossierListeners(IEnumerable<DossierListener> listeners, ILogger<DossierListeners> logger)
{
    public async Task ChangedAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnChangedAsync(dossier, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "A listener failed on dossier {DossierId} ({Status}).", dossier.Id, dossier.Status);
            }
        }
    }
}

internal static class DossierListenerSetup
{
    public static IServiceCollection AddDossierListener<TService>(this IServiceCollection services, Func<TService, Dossier, CancellationToken, Task> onChanged)
        where TService : notnull =>
        services.AddSingleton(sp =>
        {
            var service = sp.GetRequiredService<TService>();
            return new DossierListener((dossier, ct) => onChanged(service, dossier, ct));
        });
}
