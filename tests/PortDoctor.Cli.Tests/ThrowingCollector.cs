using PortDoctor.Core.Model;
using PortDoctor.Platform;

namespace PortDoctor.Cli.Tests;

/// <summary>A collector that fails the way the OS or a bug would, to test the error policy.</summary>
internal sealed class ThrowingCollector(Exception exception) : ISnapshotCollector
{
    public Snapshot Collect(CollectOptions options, CancellationToken cancellationToken = default) => throw exception;
}
