namespace Wijkwacht.Observations;

/// <summary>
/// The seam through which other features learn that an observation was stored (created, retried or corrected),
/// without this feature knowing them: the dashboard's aggregates hang here. Called with the stored state on every
/// write attempt, so a listener must be idempotent; a listener that fails fails the write, whose retry calls it again.
/// </summary>
internal interface IObservationChangeListener
{
    Task ObservationStoredAsync(Observation observation, CancellationToken cancellationToken);
}
