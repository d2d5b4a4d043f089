using System.ComponentModel;
using System.Diagnostics.Eventing.Reader;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Probe;
using PortDoctor.Platform.Ranges;
using PortDoctor.Platform.Tracing;

namespace PortDoctor.Platform.Windows;

/// <summary>Windows: iphlpapi, CIM, netsh and the registry, the System event log (Tcpip 4227/4231).</summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsHostPlatform(TimeProvider time) : IHostPlatform
{
    public OsKind Os => OsKind.Windows;

    public TimeProvider Time => time;

    /// <summary>%ProgramData%\PortDoctor: machine-wide, like the setting it backs up.</summary>
    public string StateDirectory => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "PortDoctor");

    public ISnapshotCollector Collector { get; } = new WindowsSnapshotCollector(time);

    public PortConfiguration ReadPortConfiguration() => WindowsPortConfigurationReader.Read();

    /// <summary>Tcpip 4227/4231 from the System log; a log that cannot be read is a note, not a failure.</summary>
    public KernelEvidence ReadKernelEvidence(TimeSpan since, CancellationToken cancellationToken)
    {
        try
        {
            return new KernelEvidence(WindowsEventReader.Read(since, cancellationToken), null, null)
            {
                Source = $"System event log, Tcpip 4227/4231 in the last {since}",
            };
        }
        catch (Exception ex) when (ex is EventLogException or UnauthorizedAccessException or Win32Exception or PlatformNotSupportedException or EntryPointNotFoundException or DllNotFoundException)
        {
            return new KernelEvidence([], null, new Note(NoteKind.TcpipEventsUnread) { Message = ex.Message });
        }
    }

    public IReadOnlyList<ProbeResult> Probe(IReadOnlyList<ProbeTarget> targets, CancellationToken cancellationToken) =>
        HostPlatform.RunProbe(Os, targets, cancellationToken);

    public IPortRangeSetter CreateRangeSetter() => new WindowsRangeSetter();

    public IReadOnlyList<Bundle.EvidenceItem> EvidenceItems() => WindowsEvidenceItems.All(Environment.IsPrivilegedProcess);

    /// <summary>A real-time ETW session (Winsock-AFD, TCPIP) or a netsh trace ETL, through advapi32 (Windows/Etw).</summary>
    public IAllocationTracer AllocationTracer { get; } = new Etw.WindowsAllocationTracer(time);

    public Dump.IProcessDumper ProcessDumper { get; } = new Dump.WindowsProcessDumper();

    public int RunAsService(string name, Func<CancellationToken, Task<int>> run) => WindowsServiceHost.Run(name, run);

    public IDisposable CreateLabNamespace(string name, PortRange range) =>
        throw HostPlatform.NotAvailable("the lab (network namespaces)");
}
