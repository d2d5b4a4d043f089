using System.Globalization;
using System.Runtime.Versioning;
using PortDoctor.Core.Linux;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// The live Linux snapshot: sockets from sock_diag (or /proc/net when netlink is refused), owners
/// from /proc/[pid]/fd, ranges from /proc/sys. Sees the caller's network namespace.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LinuxSnapshotCollector : ISnapshotCollector
{
    private static readonly (TransportProtocol Protocol, IpFamily Family, string File)[] Tables =
    [
        (TransportProtocol.Tcp, IpFamily.IPv4, "tcp"),
        (TransportProtocol.Tcp, IpFamily.IPv6, "tcp6"),
        (TransportProtocol.Udp, IpFamily.IPv4, "udp"),
        (TransportProtocol.Udp, IpFamily.IPv6, "udp6"),
    ];

    private readonly string _procRoot;
    private readonly bool _forceProcNet;

    /// <param name="procRoot">/proc normally; tests may point elsewhere.</param>
    /// <param name="forceProcNet">Skip netlink and read /proc/net (the fallback path), for tests.</param>
    public LinuxSnapshotCollector(string procRoot = "/proc", bool forceProcNet = false)
    {
        _procRoot = procRoot;
        _forceProcNet = forceProcNet;
    }

    public Snapshot Collect(CollectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = DateTimeOffset.UtcNow;
        var notes = new List<string>();
        var sources = new List<string>();
        var sockets = ReadSockets(options, notes, sources);
        cancellationToken.ThrowIfCancellationRequested();

        var processes = new Dictionary<int, ProcessInfo>();
        if (options.ResolveOwners)
        {
            sockets = Attribute(sockets, options, processes, notes, cancellationToken);
            sources.Add($"{_procRoot}/[pid]/fd: socket owners");
        }

        var ports = new LinuxPortConfigurationReader(Path.Combine(_procRoot, "sys")).Read();
        return new Snapshot
        {
            Time = time,
            Host = Environment.MachineName,
            Os = OsKind.Linux,
            Sockets = sockets,
            Processes = processes,
            Ports = ports,
            Notes = notes,
            Sources = sources,
        };
    }

    private List<SocketEntry> ReadSockets(CollectOptions options, List<string> notes, List<string> sources)
    {
        var sockets = new List<SocketEntry>(1024);
        var addresses = new AddressTextCache();
        foreach (var (protocol, family, file) in Tables)
        {
            if (protocol == TransportProtocol.Udp && !options.IncludeUdp)
            {
                continue;
            }

            var before = sockets.Count;
            var errno = 0;
            if (!_forceProcNet && SockDiagClient.TryDump(protocol, family, addresses, sockets, out errno))
            {
                sources.Add($"netlink sock_diag {file}: {sockets.Count - before} sockets");
                continue;
            }

            sockets.RemoveRange(before, sockets.Count - before);
            ReadProcNet(protocol, family, file, errno, sockets, notes, sources);
        }

        return sockets;
    }

    private void ReadProcNet(TransportProtocol protocol, IpFamily family, string file, int errno, List<SocketEntry> sockets, List<string> notes, List<string> sources)
    {
        var path = Path.Combine(_procRoot, "net", file);
        if (errno != 0)
        {
            notes.Add($"netlink sock_diag refused {file} (errno {errno}); read {path} instead, which does not list bound-only TCP sockets");
        }

        try
        {
            using var reader = new StreamReader(path);
            var before = sockets.Count;
            sockets.AddRange(ProcNetParser.Parse(reader, protocol, family, path, error => notes.Add($"skipped {error}")));
            sources.Add($"{path}: {sockets.Count - before} sockets");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // IPv6 disabled removes tcp6/udp6: say so, do not fail the whole snapshot.
            notes.Add($"{path}: not readable ({ex.Message}); no {file} sockets listed");
        }
    }

    private List<SocketEntry> Attribute(List<SocketEntry> sockets, CollectOptions options, Dictionary<int, ProcessInfo> processes, List<string> notes, CancellationToken cancellationToken)
    {
        var listed = new HashSet<long>(sockets.Count);
        foreach (var socket in sockets)
        {
            if (socket.Inode is > 0)
            {
                listed.Add(socket.Inode.Value);
            }
        }

        var scan = new ProcFdScanner(_procRoot).Scan(listed, cancellationToken);
        foreach (var counts in scan.Processes)
        {
            if (counts.ListedSocketCount > 0)
            {
                processes[counts.Pid] = LinuxProcessDetails.Read(_procRoot, counts, options.ProcessDetails);
            }
        }

        var result = new List<SocketEntry>(sockets.Count);
        var unattributed = 0;
        foreach (var socket in sockets)
        {
            if (socket.Inode is > 0 && scan.Owners.TryGetValue(socket.Inode.Value, out var pid))
            {
                processes.TryGetValue(pid, out var process);
                result.Add(socket with { Pid = pid, ProcessName = process?.Name });
                continue;
            }

            if (socket.Inode is > 0)
            {
                unattributed++;
            }

            result.Add(socket);
        }

        AddOwnershipNotes(scan, unattributed, notes);
        return result;
    }

    private static void AddOwnershipNotes(ProcFdScan scan, int unattributed, List<string> notes)
    {
        if (scan.DeniedPids.Count > 0 && unattributed > 0)
        {
            var shown = string.Join(", ", scan.DeniedPids.Take(10).Select(p => p.ToString(CultureInfo.InvariantCulture)));
            var more = scan.DeniedPids.Count > 10 ? ", ..." : "";
            notes.Add(
                $"{unattributed} sockets have no owner: no permission to read /proc/[pid]/fd of {scan.DeniedPids.Count} processes ({shown}{more}) as uid {Libc.geteuid()}; run as root to attribute them");
        }
        else if (unattributed > 0)
        {
            notes.Add($"{unattributed} sockets have an inode held by no process (closed while the snapshot was taken, or in another PID namespace)");
        }

        var unlisted = scan.Processes.Where(p => p.UnlistedSocketCount > 0 && p.ListedSocketCount > 0).Sum(p => p.UnlistedSocketCount);
        if (unlisted > 0)
        {
            notes.Add($"{unlisted} socket fds of owning processes are in no TCP/UDP table (unix/netlink sockets, or bound-only sockets on kernels whose sock_diag hides them): see each process's unlistedSockets");
        }
    }
}
