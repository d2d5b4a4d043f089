namespace PortDoctor.Platform.Linux;

/// <summary>The result of walking /proc/[pid]/fd: socket owners and per-process counts.</summary>
internal sealed class ProcFdScan
{
    /// <summary>Socket inode to the first process (lowest PID) found holding it.</summary>
    public Dictionary<long, int> Owners { get; } = [];

    public List<ProcessFdCounts> Processes { get; } = [];

    /// <summary>Processes whose fd table we may not read (another user's, without root).</summary>
    public List<int> DeniedPids { get; } = [];
}
