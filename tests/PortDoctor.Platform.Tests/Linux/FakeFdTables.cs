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

    public FakeProcess Add(int pid, long start, params long[] sockets)
    {
        var process = new FakeProcess(start) { Sockets = [.. sockets] };
        Processes[pid] = process;
        return process;
    }

    public List<FdTableStamp> ListProcesses(CancellationToken cancellationToken) =>
        Processes.Select(p => new FdTableStamp(p.Key, p.Value.Start, HideFdCounts ? 0 : p.Value.Sockets.Count + p.Value.OtherFds)).ToList();

    public ProcFdScan Walk(IReadOnlyList<int> pids, CancellationToken cancellationToken)
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
                scan.SocketFds.AddRange(process.Sockets.Select(inode => (inode, pid)));
            }
        }

        return scan;
    }

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
