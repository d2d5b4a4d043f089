using PortDoctor.Core.Model;
using PortDoctor.Platform.Probe;
using PortDoctor.Platform.Ranges;
using PortDoctor.Platform.Tracing;

namespace PortDoctor.Platform;

/// <summary>
/// An OS without a live implementation (macOS, BSD): offline verbs (`--from`) work; anything live
/// says in one line that it is not available here.
/// </summary>
internal sealed class UnsupportedHostPlatform(TimeProvider time) : IHostPlatform, ISnapshotCollector
{
    public OsKind Os => OsKind.Unknown;

    public TimeProvider Time => time;

    public string StateDirectory => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "portdoctor");

    public ISnapshotCollector Collector => this;

    public Snapshot Collect(CollectOptions options, CancellationToken cancellationToken = default) =>
        throw HostPlatform.NotAvailable("live collection");

    public PortConfiguration ReadPortConfiguration() => throw HostPlatform.NotAvailable("reading the port configuration");

    public KernelEvidence ReadKernelEvidence(TimeSpan since, CancellationToken cancellationToken) => KernelEvidence.None;

    public IReadOnlyList<ProbeResult> Probe(IReadOnlyList<ProbeTarget> targets, CancellationToken cancellationToken) =>
        HostPlatform.RunProbe(Os, targets, cancellationToken);

    public IPortRangeSetter CreateRangeSetter() => throw HostPlatform.NotAvailable("changing the port range");

    public IReadOnlyList<Bundle.EvidenceItem> EvidenceItems() => [];

    public IAllocationTracer AllocationTracer { get; } = new UnavailableAllocationTracer(
        $"tracing failed port allocations is not available on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
        "decoding an ETL capture (netsh trace) needs Windows");

    public IDisposable CreateLabNamespace(string name, PortRange range) => throw HostPlatform.NotAvailable("the lab (network namespaces)");
}
