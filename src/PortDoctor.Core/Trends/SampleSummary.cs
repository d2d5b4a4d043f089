using System.Runtime.InteropServices;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Trends;

/// <summary>
/// The counts of one snapshot of a time series: enough for growth per process and per state
/// across a long log, at a few hundred bytes per sample however many rows each had. A summary
/// made by <see cref="OfCounts"/> keeps its counts in one array and builds the dictionaries on
/// first use: a log of millions of samples reads only the few that are kept.
/// </summary>
public sealed record SampleSummary(DateTimeOffset Time, string Source, int Total)
{
    private IReadOnlyDictionary<SocketState, int>? _byState;
    private IReadOnlyDictionary<int, int>? _byPid;
    private IReadOnlyDictionary<(int Pid, SocketState State), int>? _byPidAndState;

    /// <summary>From <see cref="OfCounts"/>: totals per state, then per PID, then per PID and state.</summary>
    private readonly SampleCount[]? _counts;
    private readonly int _pidsAt;
    private readonly int _pairsAt;

    private SampleSummary(DateTimeOffset time, string source, int total, SampleCount[] counts, int pidsAt, int pairsAt)
        : this(time, source, total) => (_counts, _pidsAt, _pairsAt) = (counts, pidsAt, pairsAt);

    public IReadOnlyDictionary<SocketState, int> ByState
    {
        get => _byState ??= StateTotals();
        init => _byState = value;
    }

    /// <summary>Sockets per owning PID (sockets without a known owner are not counted here).</summary>
    public IReadOnlyDictionary<int, int> ByPid
    {
        get => _byPid ??= PidTotals();
        init => _byPid = value;
    }

    /// <summary>Per PID and state, e.g. (1234, TimeWait) = 812; what the guide's Group-Object shows.</summary>
    public IReadOnlyDictionary<(int Pid, SocketState State), int> ByPidAndState
    {
        get => _byPidAndState ??= PairCounts();
        init => _byPidAndState = value;
    }

    /// <summary>
    /// A summary from counts a reader kept itself: <paramref name="byState"/> indexed by state (zeros
    /// left out), <paramref name="byPidAndState"/> grouped by PID (a PID's entries together, in the
    /// order its dictionaries are to list them; PID 0 and zero counts left out by the caller).
    /// </summary>
    public static SampleSummary OfCounts(DateTimeOffset time, string source, int total, ReadOnlySpan<int> byState, ReadOnlySpan<SampleCount> byPidAndState) =>
        OfCounts(time, source, Count(total, byState, byPidAndState));

    /// <summary>A summary of counts made before the sample had a time (see <see cref="SampleCounts"/>).</summary>
    public static SampleSummary OfCounts(DateTimeOffset time, string source, SampleCounts counts) =>
        new(time, source, counts.Total, counts.Counts ?? [], counts.PidsAt, counts.PairsAt);

    /// <summary>The counts of <see cref="OfCounts(DateTimeOffset, string, int, ReadOnlySpan{int}, ReadOnlySpan{SampleCount})"/>, kept for a time given later.</summary>
    public static SampleCounts Count(int total, ReadOnlySpan<int> byState, ReadOnlySpan<SampleCount> byPidAndState)
    {
        var states = 0;
        foreach (var count in byState)
        {
            states += count > 0 ? 1 : 0;
        }

        var pids = 0;
        for (var i = 0; i < byPidAndState.Length; i++)
        {
            pids += i == 0 || byPidAndState[i].Pid != byPidAndState[i - 1].Pid ? 1 : 0;
        }

        var counts = new SampleCount[states + pids + byPidAndState.Length];
        var at = 0;
        for (var s = 0; s < byState.Length; s++)
        {
            if (byState[s] > 0)
            {
                counts[at++] = new SampleCount(0, (SocketState)s, byState[s]);
            }
        }

        var pidsAt = at;
        for (var i = 0; i < byPidAndState.Length; i++)
        {
            var pid = byPidAndState[i].Pid;
            if (i == 0 || pid != byPidAndState[i - 1].Pid)
            {
                counts[at++] = new SampleCount(pid, default, 0);
            }

            counts[at - 1] = counts[at - 1] with { Count = counts[at - 1].Count + byPidAndState[i].Count };
        }

        byPidAndState.CopyTo(counts.AsSpan(at));
        return new SampleCounts(total, counts, pidsAt, at);
    }

    /// <summary>Calls <paramref name="each"/> with every PID's total (in <see cref="ByPid"/>'s order), without building the dictionary when the counts are kept compact.</summary>
    internal void ForEachPid<TState>(TState state, Action<TState, int, int> each)
    {
        if (_counts is not null && _byPid is null)
        {
            foreach (var count in _counts.AsSpan(_pidsAt, _pairsAt - _pidsAt))
            {
                each(state, count.Pid, count.Count);
            }

            return;
        }

        foreach (var (pid, count) in ByPid)
        {
            each(state, pid, count);
        }
    }

    public static SampleSummary Of(Snapshot snapshot, string source)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        // One counter array and one dictionary update per socket: this runs for every row of a log.
        var byState = new int[Enum.GetValues<SocketState>().Length];
        var byPidState = new Dictionary<(int Pid, SocketState State), int>();
        foreach (var socket in snapshot.Sockets)
        {
            byState[(int)socket.State]++;
            if (socket.Pid is int pid)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(byPidState, (pid, socket.State), out _)++;
            }
        }

        foreach (var counted in snapshot.CountedSockets)
        {
            byState[(int)counted.State] += counted.Count;
            if (counted.Pid is int pid)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(byPidState, (pid, counted.State), out _) += counted.Count;
            }
        }

        var byPid = new Dictionary<int, int>();
        foreach (var ((pid, _), count) in byPidState)
        {
            byPid[pid] = byPid.GetValueOrDefault(pid) + count;
        }

        var states = new Dictionary<SocketState, int>();
        for (var i = 0; i < byState.Length; i++)
        {
            if (byState[i] > 0)
            {
                states[(SocketState)i] = byState[i];
            }
        }

        return new SampleSummary(snapshot.Time, source, snapshot.Sockets.Count + snapshot.CountedSockets.Sum(c => c.Count))
        {
            ByState = states,
            ByPid = byPid,
            ByPidAndState = byPidState,
        };
    }

    private Dictionary<SocketState, int> StateTotals()
    {
        var states = new Dictionary<SocketState, int>();
        foreach (var count in Section(0, _pidsAt))
        {
            states[count.State] = count.Count;
        }

        return states;
    }

    private Dictionary<int, int> PidTotals()
    {
        var pids = new Dictionary<int, int>();
        foreach (var count in Section(_pidsAt, _pairsAt))
        {
            pids[count.Pid] = count.Count;
        }

        return pids;
    }

    private Dictionary<(int Pid, SocketState State), int> PairCounts()
    {
        var pairs = new Dictionary<(int Pid, SocketState State), int>();
        foreach (var count in Section(_pairsAt, _counts?.Length ?? 0))
        {
            pairs[(count.Pid, count.State)] = count.Count;
        }

        return pairs;
    }

    private ReadOnlySpan<SampleCount> Section(int from, int to) => _counts is null ? [] : _counts.AsSpan(from, to - from);
}
