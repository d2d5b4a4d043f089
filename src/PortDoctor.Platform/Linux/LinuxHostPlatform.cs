using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Lab;
using PortDoctor.Platform.Linux.Tracing;
using PortDoctor.Platform.Probe;
using PortDoctor.Platform.Ranges;
using PortDoctor.Platform.Tracing;

namespace PortDoctor.Platform.Linux;

/// <summary>Linux: netlink sock_diag + /proc, sysctls under /proc/sys, the kernel log (/dev/kmsg) and /proc/net/netstat, network namespaces.</summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxHostPlatform(TimeProvider time) : IHostPlatform
{
    public OsKind Os => OsKind.Linux;

    public TimeProvider Time => time;

    /// <summary>~/.local/share/portdoctor (XDG data home).</summary>
    public string StateDirectory => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "portdoctor");

    /// <summary>Made on the first read (its 16 KB record buffer and tally): a run on files never reads the kernel log.</summary>
    private readonly Lazy<LinuxKernelLog> _kernelLog = new(() => new LinuxKernelLog());

    public ISnapshotCollector Collector { get; } = new LinuxSnapshotCollector(time);

    public PortConfiguration ReadPortConfiguration() => new LinuxPortConfigurationReader().Read();

    /// <summary>Kernel log lines about socket pressure and exhaustion counters; Linux logs no line for EADDRNOTAVAIL.</summary>
    public KernelEvidence ReadKernelEvidence(TimeSpan since, CancellationToken cancellationToken)
    {
        var (events, note) = _kernelLog.Value.Read();
        return new KernelEvidence(events, LinuxKernelCounters.Read(), note);
    }

    /// <summary>The outbound test; not run where lo is down (a fresh namespace), which would read as exhaustion.</summary>
    public IReadOnlyList<ProbeResult> Probe(IReadOnlyList<ProbeTarget> targets, CancellationToken cancellationToken) =>
        LoopbackInterface.IsUp()
            ? HostPlatform.RunProbe(Os, targets, cancellationToken)
            : [new ProbeResult(OutboundProbe.LoopbackTarget, ProbeOutcome.OtherError) { ErrorName = "lo is down in this network namespace: outbound test not run" }];

    public IPortRangeSetter CreateRangeSetter() => new LinuxRangeSetter();

    public IReadOnlyList<Bundle.EvidenceItem> EvidenceItems() => LinuxEvidenceItems.All();

    public IAllocationTracer AllocationTracer { get; } = new LinuxAllocationTracer(time, TraceLock.DefaultPath);

    public Dump.IProcessDumper ProcessDumper { get; } = new Dump.LinuxProcessDumper();

    public IDisposable CreateLabNamespace(string name, PortRange range) => LabNamespace.Create(name, range);

    public INetworkNamespace OpenNetworkNamespace(string nameOrPath) => LinuxNetworkNamespace.Open(nameOrPath);

    public IReadOnlyList<NamespaceMembers> ListNetworkNamespaces(out int unreadable) => LinuxNamespaceList.List(out unreadable);
}
