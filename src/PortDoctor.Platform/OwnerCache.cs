namespace PortDoctor.Platform;

/// <summary>
/// Socket owners remembered across collections (the monitor, `--all-netns`): on Linux only the fd
/// tables that changed are walked again, and every one again after <see cref="FullRescanEvery"/>
/// collections or <see cref="FullRescanAfter"/>, whichever comes first. One collection uses it at
/// a time. Windows tables carry PIDs, so there it changes nothing.
/// </summary>
public sealed class OwnerCache(int fullRescanEvery, TimeSpan fullRescanAfter, bool reuseSocketLists = false)
{
    private readonly List<Core.Model.SocketEntry>[] _socketLists = reuseSocketLists ? [[], []] : [];
    private int _nextList;

    /// <summary>The longest a monitor waits for a full rescan, whatever its interval.</summary>
    public static readonly TimeSpan MaxFullRescanAfter = TimeSpan.FromMinutes(10);

    public int FullRescanEvery { get; } = fullRescanEvery;

    public TimeSpan FullRescanAfter { get; } = fullRescanAfter;

    internal Linux.FdTableMemory Linux { get; } = new();

    /// <summary>Sockets decoded in earlier collections (Linux), reused while the kernel lists them unchanged.</summary>
    internal Linux.SocketRecall Sockets { get; } = new();

    internal Lock Gate { get; } = new();

    /// <summary>
    /// The list a collection fills with its sockets, emptied: one of two taken in turn, so a snapshot's
    /// list is filled again two collections later (a new 320 KB array per sample at 40,000 sockets was
    /// the monitor's largest allocation, and set off full collections). Null where lists are not reused.
    /// </summary>
    internal List<Core.Model.SocketEntry>? NextSocketList()
    {
        if (_socketLists.Length == 0)
        {
            return null;
        }

        var list = _socketLists[_nextList];
        _nextList ^= 1;
        list.Clear();
        return list;
    }

    /// <summary>Whether the collection starting at <paramref name="now"/> walks every fd table.</summary>
    internal bool FullWalkDue(DateTimeOffset now) =>
        Linux.LastFullWalk is not { } last || Linux.CollectionsSinceFullWalk + 1 >= FullRescanEvery || now - last >= FullRescanAfter;

    /// <summary>
    /// A monitor's: every fd table walked every 10th sample, and at least every 10 minutes. Its sampler is
    /// done with a snapshot once the next one is collected (it keeps the sample, not the snapshot), so the
    /// snapshots' socket lists are reused (<see cref="NextSocketList"/>).
    /// </summary>
    public static OwnerCache ForMonitor() => new(10, MaxFullRescanAfter, reuseSocketLists: true);

    /// <summary>
    /// `monitor --all-netns`, where each sample collects once per namespace: every fd table walked
    /// after 10 intervals (at most 10 minutes).
    /// </summary>
    public static OwnerCache ForAllNamespaces(TimeSpan interval) =>
        new(int.MaxValue, interval * 10 < MaxFullRescanAfter ? interval * 10 : MaxFullRescanAfter);

    /// <summary>One run (`diagnose --all-netns`): walked once, then only what changed.</summary>
    public static OwnerCache ForOneRun() => new(int.MaxValue, TimeSpan.MaxValue);
}
