using PortDoctor.Platform.Linux;

namespace PortDoctor.Platform.Tests.Linux;

/// <summary>Processes with fd tables held in memory; records which tables were walked.</summary>
internal sealed class FakeFdTables : IFdTableSource
{
    public Dictionary<int, FakeProcess> Processes { get; } = [];

    /// <summary>Pids walked since the last <see cref="TakeWalked"/>.</summary>
    public List<int> Walked { get; } = [];

    /// <summary>Stamp fd counts as 0, as kernels before 6.2 report st_size of /proc/PID/fd.</summary>
    public bool HideFdCounts { get; set; }

    public HashSet<int> Denied { get; } = [];

    /// <summary>Socket inodes that are not TCP (unix, netlink, ...); every other socket is.</summary>
    public HashSet<long> NotTcp { get; } = [];

    /// <summary>Kinds asked for, by inode.</summary>
    public List<long> KindsRead { get; } = [];

    /// <summary>A process's sockets are at fds 3, 4, ... in the order of <see cref="FakeProcess.Sockets"/>.</summary>
    public const int FirstSocketFd = 3;

    public FakeProcess Add(int pid, long start, params long[] sockets)
    {
        var process = new FakeProcess(start) { Sockets = [.. sockets] };
        Processes[pid] = process;
        return process;
    }

    public List<FdTableStamp> ListProcesses(CancellationToken cancellationToken) =>
        Processes.Select(p => new FdTableStamp(p.Key, p.Value.Start, HideFdCounts ? 0 : p.Value.Sockets.Count + p.Value.OtherFds)).ToList();

    /// <summary>Runs once after the next walk: a change between a table's walk and the dump.</summary>
    public Action? AfterNextWalk { get; set; }

    public ProcFdScan Walk(IReadOnlyList<int> pids, CancellationToken cancellationToken)
    {
        try
        {
            return WalkNow(pids);
        }
        finally
        {
            var after = AfterNextWalk;
            AfterNextWalk = null;
            after?.Invoke();
        }
    }

    private ProcFdScan WalkNow(IReadOnlyList<int> pids)
    {
        Walked.AddRange(pids);
        var scan = new ProcFdScan();
        foreach (var pid in pids)
        {
            if (Denied.Contains(pid))
            {
                scan.DeniedPids.Add(pid);
            }
            else if (Processes.TryGetValue(pid, out var process))
            {
                scan.Processes.Add(new ProcessFdCounts(pid, process.Sockets.Count + process.OtherFds, process.Sockets.Count));
                scan.SocketFds.AddRange(process.Sockets.Select((inode, at) => (inode, pid, FirstSocketFd + at)));
            }
        }

        return scan;
    }

    public long SocketInodeAt(int pid, int fd) =>
        Processes.TryGetValue(pid, out var process) && fd - FirstSocketFd is var at && at >= 0 && at < process.Sockets.Count ? process.Sockets[at] : 0;

    public SocketKind KindOf(int pid, int fd, long inode)
    {
        KindsRead.Add(inode);
        return SocketInodeAt(pid, fd) != inode ? SocketKind.Gone : NotTcp.Contains(inode) ? SocketKind.Other : SocketKind.Tcp;
    }

    /// <summary>Processes in another network namespace than the one collected (by default all are in it: 0 means unknown).</summary>
    public Dictionary<int, long> Netns { get; } = [];

    public long NetnsOf(int pid) => Processes.ContainsKey(pid) ? Netns.GetValueOrDefault(pid) : -1;

    public ProcFdScan FullScan() => Walk(Processes.Keys.Order().ToList(), default);

    public List<int> TakeWalked()
    {
        var walked = Walked.Order().ToList();
        Walked.Clear();
        return walked;
    }

    internal sealed class FakeProcess(long start)
    {
        public long Start { get; } = start;

        public List<long> Sockets { get; init; } = [];

        public int OtherFds { get; set; } = 3;
    }
}
