using PortDoctor.Core.Model;

namespace PortDoctor.Platform;

/// <summary>Takes a snapshot of the live machine: sockets, their owners, and the port configuration.</summary>
public interface ISnapshotCollector
{
    Snapshot Collect(CollectOptions options, CancellationToken cancellationToken = default);
}
