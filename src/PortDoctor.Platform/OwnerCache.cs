using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;

namespace PortDoctor.Platform;

/// <summary>
/// Socket owners remembered across collections (the monitor, `--all-netns`): on Linux only the fd
/// tables that changed are walked again, and every one again after <see cref="FullRescanEvery"/>
/// collections or <see cref="FullRescanAfter"/>, whichever comes first. One collection uses it at
/// a time. Windows tables carry PIDs, so there it changes nothing.
/// </summary>
public sealed class OwnerCache(int fullRescanEvery, TimeSpan fullRescanAfter)
{
    /// <summary>The longest a monitor waits for a full rescan, whatever its interval.</summary>
    public static readonly TimeSpan MaxFullRescanAfter = TimeSpan.FromMinutes(10);

    public int FullRescanEvery { get; } = fullRescanEvery;

    public TimeSpan FullRescanAfter { get; } = fullRescanAfter;

    internal Linux.FdTableMemory Linux { get; } = new();

    /// <summary>Bound-only TCP sockets carried between walks of the kernel's bind table (Linux 6.10+).</summary>
    internal Linux.BoundOnlySockets Bound { get; } = new();

    /// <summary>Sockets decoded in earlier collections (Linux), reused while the kernel lists them unchanged.</summary>
    internal Linux.SocketRecall Sockets { get; } = new();

    internal Lock Gate { get; } = new();

    private readonly List<SocketEntry>[] _socketLists = [[], []];
    private int _nextSocketList;

    /// <summary>
    /// A snapshot's socket list is one of two kept here, handed out in turn, instead of a new one per
    /// collection: for a monitor of one namespace, which lets each snapshot go before the next but one.
    /// At 40,000 sockets a new list is a 320 KB array in the large object heap every sample, and those
    /// were what started a full collection of the monitor's heap every ~10 samples (docs/benchmarks.md,
    /// seventeenth stop). Two, not one: the last snapshot stays whole while the next is collected. A list
    /// given to <see cref="SocketTurnover"/> again after a refill (a sample that failed before the turnover
    /// saw its own) is compared again, not taken for the last listing. Off for `--all-netns`, whose
    /// snapshots of every namespace live together.
    /// </summary>
    internal bool ReusesSocketLists { get; init; }

    /// <summary>
    /// The list for this collection's sockets: empty, with room for <paramref name="capacity"/>; with
    /// <see cref="ReusesSocketLists"/>, the one the collection before the last filled.
    /// </summary>
    internal List<SocketEntry> SocketList(int capacity)
    {
        if (!ReusesSocketLists)
        {
            return new List<SocketEntry>(capacity);
        }

        var list = _socketLists[_nextSocketList];
        _nextSocketList ^= 1;
        list.Clear();
        list.EnsureCapacity(capacity);
        return list;
    }

    /// <summary>
    /// At least this long between two full rescans that <see cref="FullRescanEvery"/> asks for: at short
    /// intervals a rescan (every fd walked: ~130 ms of CPU at 40,000 sockets) every 10th sample would be
    /// most of the monitor's cost, for what is a safety net (what a same-count change of an fd table hides).
    /// </summary>
    public TimeSpan FullRescanApart { get; init; }

    /// <summary>Whether the collection starting at <paramref name="now"/> walks every fd table.</summary>
    internal bool FullWalkDue(DateTimeOffset now) =>
        Linux.LastFullWalk is not { } last || now - last >= FullRescanAfter ||
        (Linux.CollectionsSinceFullWalk + 1 >= FullRescanEvery && now - last >= FullRescanApart);

    /// <summary>
    /// Bound-only TCP sockets are carried between walks of the bind table while the fd tables show no
    /// change that could bind or unbind one: for a monitor of one namespace, whose collections follow each other there.
    /// </summary>
    internal bool CarriesBoundOnly { get; init; }

    /// <summary>
    /// A monitor's: every fd table walked every 10th sample but at most every 5 minutes (every 5 minutes
    /// at intervals under 30 s), and at least every 10 minutes: when its kept counts are counted afresh too.
    /// Its snapshots' socket lists are reused (<see cref="ReusesSocketLists"/>): a sample lets its snapshot go.
    /// </summary>
    public static OwnerCache ForMonitor() =>
        new(AfreshSchedule.Every, AfreshSchedule.Within) { FullRescanApart = AfreshSchedule.Apart, CarriesBoundOnly = true, ReusesSocketLists = true };

    /// <summary>
    /// `monitor --all-netns`, where each sample collects once per namespace: every fd table walked
    /// after 10 intervals (at most 10 minutes).
    /// </summary>
    public static OwnerCache ForAllNamespaces(TimeSpan interval) =>
        new(int.MaxValue, interval * 10 < MaxFullRescanAfter ? interval * 10 : MaxFullRescanAfter);

    /// <summary>One run (`diagnose --all-netns`): walked once, then only what changed.</summary>
    public static OwnerCache ForOneRun() => new(int.MaxValue, TimeSpan.MaxValue);
}
