using System.Globalization;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;
using PortDoctor.Platform.Linux.Interop;
using static System.FormattableString;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// The live Linux snapshot: sockets from sock_diag (or /proc/net when netlink is refused), owners
/// from /proc/[pid]/fd, ranges from /proc/sys. Sees the caller's network namespace.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxSnapshotCollector : ISnapshotCollector
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
    private readonly TimeProvider _time;

    /// <param name="time">The clock the snapshot is stamped with.</param>
    /// <param name="procRoot">/proc normally; tests may point elsewhere.</param>
    /// <param name="forceProcNet">Skip netlink and read /proc/net (the fallback path), for tests.</param>
    public LinuxSnapshotCollector(TimeProvider time, string procRoot = "/proc", bool forceProcNet = false)
    {
        _time = time;
        _procRoot = procRoot;
        _forceProcNet = forceProcNet;
    }

    public Snapshot Collect(CollectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Owners is not { } cache)
        {
            return Collect(options, null, cancellationToken);
        }

        lock (cache.Gate)
        {
            return Collect(options, cache, cancellationToken);
        }
    }

    private Snapshot Collect(CollectOptions options, OwnerCache? cache, CancellationToken cancellationToken)
    {
        var time = _time.GetUtcNow();
        var notes = new List<Note>();
        var sources = new List<string>();
        // The fd walk does not need the dump: run them side by side and join afterwards.
        var scanner = new ProcFdScanner(_procRoot);
        var owners = options.ResolveOwners ? new OwnerLookup(scanner, cache, time, options.OwnerPids) : null;
        var scanTask = owners is null ? null : OwnThreads.Start("fd walk", () => owners.Start(cancellationToken));
        var recall = cache?.Sockets ?? new SocketRecall(remember: false);
        recall.Begin();
        var bound = BoundOnlyPlan(cache, options, time);
        var sockets = ReadSockets(options, recall, notes, sources, bound.SkipWalk ? InetDiagDecoder.TcpStates.AllButBoundOnly : InetDiagDecoder.TcpStates.All, out var tcp);
        scanTask?.Join();
        cancellationToken.ThrowIfCancellationRequested();

        var processes = new Dictionary<int, ProcessInfo>();
        string? permissionProblem = null;
        var tcpByNetlink = tcp != TcpSource.ProcNet;
        if (owners is not null)
        {
            var listed = recall.ListedInodes(sockets);
            if (cache is { CarriesBoundOnly: true } && owners.Refresh is { } refresh)
            {
                tcpByNetlink &= BoundOnly(cache, bound, tcp, scanner, refresh, recall, sockets, listed, sources, cancellationToken);
            }

            var closed = tcp != TcpSource.ProcNet && !_forceProcNet && _procRoot == "/proc" ? inodes => ClosedSinceDump(sockets, inodes) : (Func<IReadOnlyList<long>, IReadOnlySet<long>>?)null;
            var (scan, ownership) = owners.Resolve(listed, cancellationToken, closed);
            Attribute(sockets, scan, ownership, options, recall, processes, notes, out permissionProblem);
            sources.Add($"{_procRoot}/[pid]/fd: socket owners{owners.Describe()}");
        }

        recall.End();
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
            PermissionProblem = permissionProblem,
            UnreadableOwners = permissionProblem is null ? 0 : sockets.Count(s => s.Pid is null && s.Inode is > 0),
            ListsBoundOnlySockets = tcpByNetlink && KernelListsBoundOnlySockets,
        };
    }

    /// <summary>
    /// Linux 6.10 and later dump TCP sockets that are bound but neither listening nor connected
    /// (asked for with every state bit, as here; `ss -B`). Older kernels and /proc/net/tcp leave them
    /// out, so their fds are found only as socket fds in no table.
    /// </summary>
    internal static bool KernelListsBoundOnlySockets { get; } = OperatingSystem.IsLinux() && Environment.OSVersion.Version >= new Version(6, 10);

    /// <summary>Whether this collection's dump leaves the kernel's bind table out (<see cref="BoundOnlySockets"/>), and the namespace it is in.</summary>
    private readonly record struct BoundOnlyWalk(bool SkipWalk, long Netns);

    private BoundOnlyWalk BoundOnlyPlan(OwnerCache? cache, CollectOptions options, DateTimeOffset time)
    {
        if (cache is not { CarriesBoundOnly: true } || !options.ResolveOwners || options.OwnerPids is not null || _forceProcNet || _procRoot != "/proc" || !KernelListsBoundOnlySockets)
        {
            return default;
        }

        cache.Bound.Begin();
        var netns = (long)(LinuxNamespaceList.InodeOfLink("/proc/thread-self/ns/net") ?? 0);
        return new BoundOnlyWalk(cache.Bound.MaySkipWalk(netns, cache.FullWalkDue(time)), netns);
    }

    /// <summary>
    /// With an owner cache, once the fd tables are refreshed: the bound-only TCP sockets carried from the
    /// last walk of the bind table when nothing can have changed them, or else the bind table walked now;
    /// and what the next collection may skip. False when the bind table could not be walked (no bound-only sockets known).
    /// </summary>
    private static bool BoundOnly(
        OwnerCache cache, BoundOnlyWalk plan, TcpSource tcp, ProcFdScanner scanner, FdRefresh refresh, SocketRecall recall,
        List<SocketEntry> sockets, HashSet<long> listed, List<string> sources, CancellationToken cancellationToken)
    {
        var memory = cache.Bound;
        if (tcp != TcpSource.OneWalk || plan.Netns == 0)
        {
            memory.Reset();
            return true;
        }

        if (!plan.SkipWalk)
        {
            sources.Add($"bound-only tcp: the bind table walked in the dump ({memory.WalkReason})");
            memory.Learn(plan.Netns, scanner, cache.Linux, refresh, sockets, listed, recall.Unseen(), cancellationToken);
            return true;
        }

        if (memory.TryCarry(scanner, cache.Linux, refresh, listed, recall.Unseen()) is { } carried)
        {
            foreach (var (socket, _, _) in carried)
            {
                sockets.Add(recall.Relist(socket));
                listed.Add(socket.Inode ?? 0);
            }

            sources.Add(Invariant($"bound-only tcp: {carried.Count} sockets carried from the bind table's walk {memory.SamplesSinceWalk} collections ago (no fd table shows a change that could bind or unbind one)"));
            return true;
        }

        var before = sockets.Count;
        if (!SockDiagClient.TryDump(TransportProtocol.Tcp, null, recall, sockets, out var errno, InetDiagDecoder.TcpStates.BoundOnly))
        {
            sockets.RemoveRange(before, sockets.Count - before);
            memory.Reset();
            sources.Add(Invariant($"bound-only tcp: the bind table's walk failed (errno {errno}): bound-only sockets unknown"));
            return false;
        }

        for (var i = before; i < sockets.Count; i++)
        {
            listed.Add(sockets[i].Inode ?? 0);
        }

        sources.Add(Invariant($"netlink sock_diag tcp bind table: {sockets.Count - before} bound-only sockets (walked on its own: {memory.LastReason})"));
        memory.Learn(plan.Netns, scanner, cache.Linux, refresh, sockets, listed, recall.Unseen(), cancellationToken);
        return true;
    }

    /// <summary>Where this collection's TCP sockets came from.</summary>
    private enum TcpSource
    {
        /// <summary>Both families in one sock_diag walk.</summary>
        OneWalk,

        /// <summary>A sock_diag dump per family.</summary>
        PerFamily,

        /// <summary>/proc/net/tcp and tcp6 (or one of them): sock_diag refused.</summary>
        ProcNet,
    }

    private List<SocketEntry> ReadSockets(CollectOptions options, SocketRecall recall, List<Note> notes, List<string> sources, uint tcpStates, out TcpSource tcp)
    {
        var capacity = Math.Max(1024, recall.Count);
        var sockets = options.Owners?.SocketList(capacity) ?? new List<SocketEntry>(capacity);
        var tcpDone = !_forceProcNet && TryDumpTcpInOneWalk(recall, sockets, sources, tcpStates);
        var tcpFamiliesByNetlink = 0;
        foreach (var (protocol, family, file) in Tables)
        {
            if ((protocol == TransportProtocol.Udp && !options.IncludeUdp) || (protocol == TransportProtocol.Tcp && tcpDone))
            {
                continue;
            }

            var before = sockets.Count;
            var errno = 0;
            if (!_forceProcNet && SockDiagClient.TryDump(protocol, family, recall, sockets, out errno))
            {
                tcpFamiliesByNetlink += protocol == TransportProtocol.Tcp ? 1 : 0;
                sources.Add($"netlink sock_diag {file}: {sockets.Count - before} sockets");
                continue;
            }

            sockets.RemoveRange(before, sockets.Count - before);
            ReadProcNet(protocol, family, file, errno, sockets, notes, sources);
        }

        tcp = tcpDone ? TcpSource.OneWalk : tcpFamiliesByNetlink == 2 ? TcpSource.PerFamily : TcpSource.ProcNet;
        return sockets;
    }

    /// <summary>
    /// TCP of both families in one walk of the kernel's socket tables (the legacy request); false,
    /// with nothing added, when the kernel refuses it: the per-family requests follow.
    /// </summary>
    private static bool TryDumpTcpInOneWalk(SocketRecall recall, List<SocketEntry> sockets, List<string> sources, uint states)
    {
        var before = sockets.Count;
        var v6Before = recall.Ipv6Decoded;
        if (!SockDiagClient.TryDump(TransportProtocol.Tcp, null, recall, sockets, out _, states))
        {
            sockets.RemoveRange(before, sockets.Count - before);
            return false;
        }

        var v6 = recall.Ipv6Decoded - v6Before;

        sources.Add($"netlink sock_diag tcp: {sockets.Count - before - v6} sockets");
        sources.Add($"netlink sock_diag tcp6: {v6} sockets (one dump with tcp)");
        return true;
    }

    private void ReadProcNet(TransportProtocol protocol, IpFamily family, string file, int errno, List<SocketEntry> sockets, List<Note> notes, List<string> sources)
    {
        // /proc/net is /proc/self/net (the main thread's namespace); thread-self is the one a setns thread entered.
        var path = _procRoot == "/proc" ? Path.Combine("/proc/thread-self/net", file) : Path.Combine(_procRoot, "net", file);
        if (errno != 0)
        {
            notes.Add(new Note(NoteKind.SockDiagRefused) { Name = file, Code = errno, Path = path });
        }

        try
        {
            using var reader = new StreamReader(path);
            var before = sockets.Count;
            sockets.AddRange(ProcNetParser.Parse(reader, protocol, family, path, error => notes.Add(new Note(NoteKind.ProcNetLineSkipped) { Path = error.Source, Line = error.Line, Message = error.Reason })));
            sources.Add($"{path}: {sockets.Count - before} sockets");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // IPv6 disabled removes tcp6/udp6: say so, do not fail the whole snapshot.
            notes.Add(new Note(NoteKind.SocketTableUnreadable) { Path = path, Name = file, Message = ex.Message });
        }
    }

    /// <summary>
    /// Of these listed inodes, those whose socket the kernel no longer has: TCP sockets in a state of its
    /// established hash only (a listener, a closed or UDP socket may share its port and is not there; a
    /// link-local one needs its interface), asked one by one.
    /// </summary>
    internal static IReadOnlySet<long> ClosedSinceDump(List<SocketEntry> sockets, IReadOnlyList<long> inodes)
    {
        var wanted = inodes.ToHashSet();
        var ask = new List<SocketEntry>();
        foreach (var socket in sockets)
        {
            if (wanted.Count == 0)
            {
                break;
            }

            if (socket.Inode is { } inode && wanted.Remove(inode) && socket.Protocol == TransportProtocol.Tcp && socket.Remote.Port != 0 &&
                socket.State is SocketState.Established or SocketState.SynSent or SocketState.FinWait1 or SocketState.FinWait2
                    or SocketState.CloseWait or SocketState.LastAck or SocketState.Closing &&
                !socket.Local.Address.Contains('%', StringComparison.Ordinal) && !socket.Local.Address.StartsWith("fe80:", StringComparison.OrdinalIgnoreCase))
            {
                ask.Add(socket);
            }
        }

        return ask.Count == 0 ? new HashSet<long>() : SockDiagClient.Closed(ask);
    }

    /// <summary>Gives each socket whose inode a process holds its owner, in place.</summary>
    private void Attribute(
        List<SocketEntry> sockets,
        ProcFdScan scan,
        SocketOwnership ownership,
        CollectOptions options,
        SocketRecall recall,
        Dictionary<int, ProcessInfo> processes,
        List<Note> notes,
        out string? permissionProblem)
    {
        foreach (var counts in scan.Processes)
        {
            if (ownership.ListedFdsByPid.TryGetValue(counts.Pid, out var listedFds))
            {
                processes[counts.Pid] = LinuxProcessDetails.Read(_procRoot, counts, listedFds, options.ProcessDetails);
            }
        }

        foreach (var (holder, owners) in ownership.SharedByHolder)
        {
            if (processes.TryGetValue(holder, out var info))
            {
                processes[holder] = info with { HoldsSocketsOf = new Dictionary<int, int>(owners) };
            }
        }

        var unattributed = new List<SocketEntry>();
        var (lastPid, lastName) = (-1, (string?)null); // a process's sockets come mostly one after another
        for (var i = 0; i < sockets.Count; i++)
        {
            var socket = sockets[i];
            if (socket.Inode is > 0 && ownership.Owners.TryGetValue(socket.Inode.Value, out var pid))
            {
                if (pid != lastPid)
                {
                    (lastPid, lastName) = (pid, processes.GetValueOrDefault(pid)?.Name);
                }

                sockets[i] = recall.Owned(i, socket, pid, lastName); // its slot by its index: the list is filled in the order the recall handed out
            }
            else if (socket.Inode is > 0)
            {
                unattributed.Add(socket);
            }
        }

        if (options.OwnerPids is { } only)
        {
            // Not a fault: the caller asked for these processes only, so other sockets stay without owner.
            permissionProblem = null;
            notes.Add(new Note(NoteKind.OwnersLimitedToProcesses) { Names = [.. only.Select(p => p.ToString(CultureInfo.InvariantCulture))], Count = unattributed.Count });
            return;
        }

        permissionProblem = AddOwnershipNotes(scan, processes, unattributed, notes);
    }

    /// <returns>The permission problem, when unreadable fd tables left sockets without owner.</returns>
    private static string? AddOwnershipNotes(ProcFdScan scan, Dictionary<int, ProcessInfo> owners, List<SocketEntry> unattributed, List<Note> notes)
    {
        string? problem = null;
        if (scan.DeniedPids.Count > 0 && unattributed.Count > 0)
        {
            problem = string.Create(
                CultureInfo.InvariantCulture,
                $"{(unattributed.Count == 1 ? "1 socket has" : $"{unattributed.Count} sockets have")} no owner ({Describe(unattributed)}): no permission to read /proc/[pid]/fd of {(scan.DeniedPids.Count == 1 ? "1 process" : $"{scan.DeniedPids.Count} processes")} ({Describe(scan.DeniedPids)}) as uid {Libc.geteuid()}; they are listed with pid null; run as root to attribute them");
        }
        else if (unattributed.Count > 0)
        {
            notes.Add(new Note(NoteKind.InodesWithoutProcess) { Count = unattributed.Count });
        }

        var unlisted = owners.Values.Sum(p => p.UnlistedSocketCount ?? 0);
        if (unlisted > 0)
        {
            notes.Add(new Note(NoteKind.SocketFdsInNoTable) { Count = unlisted });
        }

        return problem;
    }

    private static string Describe(List<SocketEntry> sockets)
    {
        var shown = sockets.Take(5).Select(s =>
            $"{(s.Protocol == TransportProtocol.Tcp ? "tcp" : "udp")} {s.Local}{(s.Remote.IsUnspecified ? "" : "->" + s.Remote)} {s.State.ToDisplayName()}");
        return string.Join(", ", shown) + (sockets.Count > 5 ? ", ..." : "");
    }

    private static string Describe(List<int> pids) =>
        string.Join(", ", pids.Take(10).Select(p => p.ToString(CultureInfo.InvariantCulture))) + (pids.Count > 10 ? ", ..." : "");
}
