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

    /// <summary>
    /// A process's sockets are at fds 3, 4, ... in the order of <see cref="FakeProcess.Sockets"/> at first; a socket
    /// keeps its fd while held, and one added later gets the lowest number free then, as the kernel gives.
    /// </summary>
    public const int FirstSocketFd = 3;

    public FakeProcess Add(int pid, long start, params long[] sockets)
    {
        var process = new FakeProcess(start) { Sockets = [.. sockets] };
        Processes[pid] = process;
        return process;
    }

    public List<FdTableStamp> ListProcesses(CancellationToken cancellationToken) =>
        Processes.Select(p => new FdTableStamp(p.Key, p.Value.Start, HideFdCounts ? FdTableStamp.Unknown : p.Value.Sockets.Count + p.Value.OtherFds)).ToList();

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
                var fds = process.SocketFds();
                scan.SocketFds.AddRange(process.Sockets.Select(inode => (inode, pid, fds[inode])));
                scan.FdNumbers[pid] = process.FdNumbers();
            }
        }

        return scan;
    }

    /// <summary>Pids walked by their new fds only since the last <see cref="TakeWalked"/> (also in <see cref="Walked"/>).</summary>
    public List<int> WalkedNewOnly { get; } = [];

    public ProcFdScan WalkNew(int pid, int[] known, CancellationToken cancellationToken)
    {
        try
        {
            var scan = WalkNow([pid]);
            WalkedNewOnly.Add(pid);
            scan.SocketFds.RemoveAll(fd => Array.BinarySearch(known, fd.Fd) >= 0);
            return scan;
        }
        finally
        {
            var after = AfterNextWalk;
            AfterNextWalk = null;
            after?.Invoke();
        }
    }

    public long SocketInodeAt(int pid, int fd) =>
        Processes.TryGetValue(pid, out var process) ? process.SocketFds().FirstOrDefault(held => held.Value == fd).Key : 0;

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
        WalkedNewOnly.Clear();
        return walked;
    }

    internal sealed class FakeProcess(long start)
    {
        public long Start { get; } = start;

        public List<long> Sockets { get; init; } = [];

        public int OtherFds { get; set; } = 3;

        private readonly Dictionary<long, int> _fds = [];

        /// <summary>The sockets' fds, the other fds at 1,000,000 and up; sorted.</summary>
        public int[] FdNumbers() => [.. SocketFds().Values.Order(), .. Enumerable.Range(1_000_000, OtherFds)];

        /// <summary>Each socket's fd now: kept while it is held; a socket new since the last look gets the lowest number free.</summary>
        public IReadOnlyDictionary<long, int> SocketFds()
        {
            var held = Sockets.ToHashSet();
            foreach (var gone in _fds.Keys.Where(inode => !held.Contains(inode)).ToList())
            {
                _fds.Remove(gone);
            }

            var used = _fds.Values.ToHashSet();
            var next = FirstSocketFd;
            foreach (var inode in Sockets.Where(inode => !_fds.ContainsKey(inode)))
            {
                while (!used.Add(next))
                {
                    next++;
                }

                _fds[inode] = next;
            }

            return _fds;
        }
    }
}
