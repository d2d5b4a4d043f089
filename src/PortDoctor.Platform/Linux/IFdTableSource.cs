namespace PortDoctor.Platform.Linux;

/// <summary>The processes' fd tables, as <see cref="FdTableMemory"/> reads them; /proc in production, a fake in tests.</summary>
internal interface IFdTableSource
{
    /// <summary>Every process now, stamped; one that exits while listed is left out.</summary>
    List<FdTableStamp> ListProcesses(CancellationToken cancellationToken);

    /// <summary>Walks the fd tables of <paramref name="pids"/>: their socket fds, counts, and the ones we may not read.</summary>
    ProcFdScan Walk(IReadOnlyList<int> pids, CancellationToken cancellationToken);

    /// <summary>
    /// Walks the fd table of <paramref name="pid"/> reading only the fds whose numbers are not in <paramref name="known"/>
    /// (sorted): every fd counted and numbered, the socket fds among the new ones.
    /// </summary>
    ProcFdScan WalkNew(int pid, int[] known, CancellationToken cancellationToken);

    /// <summary>The inode of the socket at fd <paramref name="fd"/> of <paramref name="pid"/> now; 0 when there is none (closed, another file, the process gone).</summary>
    long SocketInodeAt(int pid, int fd);

    /// <summary>What the socket <paramref name="inode"/> at that fd is; <see cref="SocketKind.Gone"/> when the fd no longer holds it.</summary>
    SocketKind KindOf(int pid, int fd, long inode);

    /// <summary>The inode of the network namespace <paramref name="pid"/> is in; -1 when the process is gone, 0 when unreadable.</summary>
    long NetnsOf(int pid);
}

/// <summary>A socket's protocol as far as a bound-only socket is concerned.</summary>
internal enum SocketKind
{
    /// <summary>TCP (of either family, or MPTCP): it may be bound to a port without being in a table.</summary>
    Tcp,

    /// <summary>Unix, netlink, UDP, ...: never a bound-only TCP socket.</summary>
    Other,

    /// <summary>The fd no longer holds it: closed since the walk.</summary>
    Gone,

    /// <summary>Could not be told: taken as TCP.</summary>
    Unknown,
}
