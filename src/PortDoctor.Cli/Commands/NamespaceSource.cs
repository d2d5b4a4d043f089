using PortDoctor.Core.Model;
using PortDoctor.Core.Sources;
using PortDoctor.Platform;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// One network namespace of `monitor --all-netns` as a source: entered afresh for every observation
/// (no descriptor is held between samples, so a deleted namespace is really freed), labelled as listed.
/// </summary>
internal sealed class NamespaceSource(IHostPlatform host, NetworkNamespaceInfo info, LiveSourceOptions options) : ISnapshotSource
{
    public Observation Observe(CancellationToken cancellationToken)
    {
        using var ns = host.OpenNetworkNamespace(info.Path);
        var observation = new LiveSource(host, options with { Namespace = ns }).Observe(cancellationToken);
        return observation with { Snapshot = observation.Snapshot with { Namespace = info } };
    }
}
