using System.ComponentModel;
using System.Runtime.Versioning;
using System.Security.Principal;
using PortDoctor.Core.Model;

namespace PortDoctor.Platform.Windows;

/// <summary>
/// The live Windows snapshot: iphlpapi socket tables, BOUND sockets and the auto-reuse range from
/// CIM (via PowerShell), owning processes, netsh and registry configuration (Tcpip events are the host platform's kernel evidence).
/// As a normal user everything but handle counts and command lines of other users' processes is
/// visible; the snapshot says so in its notes.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsSnapshotCollector(TimeProvider time) : ISnapshotCollector
{
    private static readonly TimeSpan PowerShellTimeout = TimeSpan.FromSeconds(60);

    public Snapshot Collect(CollectOptions options, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var notes = new List<Note>();
        var sources = new List<string> { "iphlpapi GetExtendedTcpTable (IPv4, IPv6)" };
        var sockets = new List<SocketEntry>();
        sockets.AddRange(WindowsSocketTable.ReadTcp(IpFamily.IPv4));
        sockets.AddRange(WindowsSocketTable.ReadTcp(IpFamily.IPv6));
        if (options.IncludeUdp)
        {
            sources.Add("iphlpapi GetExtendedUdpTable (IPv4, IPv6)");
            sockets.AddRange(WindowsSocketTable.ReadUdp(IpFamily.IPv4));
            sockets.AddRange(WindowsSocketTable.ReadUdp(IpFamily.IPv6));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var cim = QueryCim(notes);
        if (cim is not null)
        {
            sources.Add("MSFT_NetTCPConnection (BOUND), MSFT_NetTCPSetting (auto-reuse range) via PowerShell");
            sockets.AddRange(cim.Bound);
        }

        // iphlpapi gives every PID to any user: only process details are limited without elevation.
        if (options.ResolveOwners && options.ProcessDetails && !IsAdministrator())
        {
            notes.Add(new Note(NoteKind.NotAdministrator));
        }

        var processes = new Dictionary<int, ProcessInfo>();
        if (options.ResolveOwners)
        {
            var reader = new WindowsProcessReader();
            processes = reader.Read(sockets, options.ProcessDetails);
            if (reader.Denied > 0)
            {
                notes.Add(new Note(NoteKind.ProcessesDenied) { Count = reader.Denied });
            }

            sockets = sockets.Select(s => s.Pid is { } pid && processes.TryGetValue(pid, out var p) ? s with { ProcessName = p.Name } : s).ToList();
        }

        cancellationToken.ThrowIfCancellationRequested();
        var ports = WindowsPortConfigurationReader.Read(cim?.AutoReuse ?? new Dictionary<string, PortRange>(), notes);
        sources.Add(ports.Source);
        return new Snapshot
        {
            Time = now,
            Host = Environment.MachineName,
            Os = OsKind.Windows,
            Sockets = sockets,
            Processes = processes,
            Ports = ports,
            Notes = notes,
            Sources = sources,
        };
    }

    private static CimSocketQuery.Answer? QueryCim(List<Note> notes)
    {
        try
        {
            var result = ExternalCommand.Run("powershell.exe", CimSocketQuery.Arguments, PowerShellTimeout);
            return CimSocketQuery.Parse(result.Output);
        }
        catch (Exception ex) when (ex is Win32Exception or TimeoutException or InvalidOperationException)
        {
            notes.Add(new Note(NoteKind.BoundSocketsUnlisted) { Message = ex.Message });
            return null;
        }
    }

    private static bool IsAdministrator()
    {
        using var identity = WindowsIdentity.GetCurrent();
        return new WindowsPrincipal(identity).IsInRole(WindowsBuiltInRole.Administrator);
    }
}
