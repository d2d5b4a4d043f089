namespace PortDoctor.Core.Sources;

/// <summary>
/// Where observations come from: the live host, captured files, or (later) the monitor's history.
/// Every verb is source, then analysis, then a renderer; analysis never knows which source it was.
/// </summary>
public interface ISnapshotSource
{
    Observation Observe(CancellationToken cancellationToken);
}
