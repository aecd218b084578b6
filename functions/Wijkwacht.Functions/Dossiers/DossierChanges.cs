namespace Wijkwacht.Dossiers;

/// <summary>
/// The seam through which other features learn a dossier's new state after every write, without this feature
/// knowing them: the dashboard's aggregates hang here. Listeners get the whole state (not the change), so a
/// redelivered or repeated call is harmless and a later call heals one that was lost.
/// </summary>
internal interface IDossierChangeListener
{
    Task DossierStoredAsync(Dossier dossier, CancellationToken cancellationToken);
}
