namespace PortDoctor.Platform.Linux;

/// <summary>The result of walking /proc/[pid]/fd: every socket fd with its process, and per-process counts.</summary>
internal sealed class ProcFdScan
{
    /// <summary>One entry per socket fd, with its fd number (a socket shared after fork appears once per process).</summary>
    public List<(long Inode, int Pid, int Fd)> SocketFds { get; } = [];

    public List<ProcessFdCounts> Processes { get; } = [];

    /// <summary>Processes whose fd table we may not read (another user's, without root).</summary>
    public List<int> DeniedPids { get; } = [];

    /// <summary>Every fd number of each table walked, sorted (what a later walk of only the new fds compares with).</summary>
    public Dictionary<int, int[]> FdNumbers { get; } = [];
}
