using PortDoctor.Core.Model;
using PortDoctor.Platform.Probe;
using PortDoctor.Platform.Ranges;
using PortDoctor.Platform.Tracing;

namespace PortDoctor.Platform;

/// <summary>
/// Everything the tool does to or reads from the machine it runs on, chosen once at start
/// (<see cref="HostPlatform.Create"/>) and injected, so every verb can run in-process against a fake host.
/// </summary>
public interface IHostPlatform
{
    OsKind Os { get; }

    /// <summary>The clock collectors, samplers and backups take their time from.</summary>
    TimeProvider Time { get; }

    /// <summary>Where PortDoctor keeps state (range backups, history) unless told otherwise.</summary>
    string StateDirectory { get; }

    ISnapshotCollector Collector { get; }

    /// <summary>The dynamic port ranges and related settings of this machine.</summary>
    PortConfiguration ReadPortConfiguration();

    /// <summary>
    /// What the OS says besides the socket tables: Windows Tcpip 4227/4231 events in the window;
    /// Linux kernel log lines and /proc/net/netstat counters.
    /// </summary>
    KernelEvidence ReadKernelEvidence(TimeSpan since, CancellationToken cancellationToken);

    /// <summary>The guide's outbound test: bind port 0, a loopback connect, and the targets given.</summary>
    IReadOnlyList<ProbeResult> Probe(IReadOnlyList<ProbeTarget> targets, CancellationToken cancellationToken);

    /// <summary>Changes the dynamic port range: /proc/sys on Linux, netsh on Windows.</summary>
    IPortRangeSetter CreateRangeSetter();

    /// <summary>Failed port allocations per process: tracefs on Linux, ETW on Windows (see docs/windows.md).</summary>
    IAllocationTracer AllocationTracer { get; }

    /// <summary>The raw outputs `collect` bundles (ss, /proc/net, sysctls...; netstat, netsh... on Windows), in capture order.</summary>
    IReadOnlyList<Bundle.EvidenceItem> EvidenceItems();

    /// <summary>`collect --dump PID`: one process's memory dump (gcore on Linux; see docs/windows.md for Windows).</summary>
    Dump.IProcessDumper ProcessDumper => throw HostPlatform.NotAvailable("process dumps (--dump)");

    /// <summary>
    /// Runs <paramref name="run"/> as the Windows service <paramref name="name"/> under the Service Control
    /// Manager until it returns or the service is stopped (its token is then cancelled); returns its exit code.
    /// Windows only: Linux runs the monitor under systemd (deploy/systemd).
    /// </summary>
    int RunAsService(string name, Func<CancellationToken, Task<int>> run) =>
        throw HostPlatform.NotAvailable("running as a Windows service (--service; on Linux the systemd unit in deploy/systemd runs the monitor)");

    /// <summary>A throw-away lab network namespace (Linux only).</summary>
    IDisposable CreateLabNamespace(string name, PortRange range);

    /// <summary>
    /// Opens a network namespace to read inside (`--netns`): a name under /run/netns or an nsfs path such as
    /// /proc/PID/ns/net. A bad one is a <see cref="Core.PortDoctorException"/> (missing 69, not a network namespace 65, no permission 77).
    /// </summary>
    INetworkNamespace OpenNetworkNamespace(string nameOrPath) => throw HostPlatform.NotAvailable("network namespaces (--netns)");

    /// <summary>
    /// Every network namespace on the host with the processes in it (`--all-netns`); <paramref name="unreadable"/>:
    /// processes whose namespace could not be read.
    /// </summary>
    IReadOnlyList<NamespaceMembers> ListNetworkNamespaces(out int unreadable) => throw HostPlatform.NotAvailable("network namespaces (--all-netns)");
}
