namespace PortDoctor.Platform.Linux;

/// <summary>One collection's pass over the fd tables: which were walked, which were taken as remembered.</summary>
internal sealed class FdRefresh(Dictionary<int, FdTableStamp> stamps)
{
    /// <summary>Every process listed at the start of the collection.</summary>
    public Dictionary<int, FdTableStamp> Stamps { get; } = stamps;

    /// <summary>Processes whose remembered table was used without a walk.</summary>
    public List<int> Reused { get; } = [];

    public List<int> DeniedPids { get; } = [];

    /// <summary>The socket fds of the tables walked in this collection.</summary>
    public List<(long Inode, int Pid, int Fd)> WalkedSocketFds { get; } = [];

    /// <summary>Processes whose table this collection walked by its new fds only (<see cref="FdTableMemory.NewFdsOnlyFrom"/>), not yet whole.</summary>
    public HashSet<int> NewFdsOnly { get; } = [];

    /// <summary>Fd tables walked in this collection.</summary>
    public int Walked { get; set; }

    /// <summary>Every listed process was walked in this collection (the first, a periodic full rescan, or a lookup of new inodes).</summary>
    public bool EveryTableWalked => Reused.Count == 0 && NewFdsOnly.Count == 0;

    /// <summary>For the snapshot's sources: how much was walked.</summary>
    public string Describe() => EveryTableWalked
        ? $"every fd table walked ({Walked})"
        : $"walked {Walked} of {Stamps.Count} fd tables{(NewFdsOnly.Count > 0 ? $" ({NewFdsOnly.Count} by their new fds only)" : "")}; the other {Reused.Count} had the same process start time and fd count as when last walked";
}
