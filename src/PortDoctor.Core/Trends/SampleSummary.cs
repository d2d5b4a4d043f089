using PortDoctor.Core.Model;

namespace PortDoctor.Core.Trends;

/// <summary>
/// The counts of one snapshot of a time series: enough for growth per process and per state
/// across a long log, at a few hundred bytes per sample however many rows each had.
/// </summary>
public sealed record SampleSummary(DateTimeOffset Time, string Source, int Total)
{
    public IReadOnlyDictionary<SocketState, int> ByState { get; init; } = new Dictionary<SocketState, int>();

    /// <summary>Sockets per owning PID (sockets without a known owner are not counted here).</summary>
    public IReadOnlyDictionary<int, int> ByPid { get; init; } = new Dictionary<int, int>();

    /// <summary>Per PID and state, e.g. (1234, TimeWait) = 812; what the guide's Group-Object shows.</summary>
    public IReadOnlyDictionary<(int Pid, SocketState State), int> ByPidAndState { get; init; } =
        new Dictionary<(int Pid, SocketState State), int>();

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
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byPidState, (pid, socket.State), out _)++;
            }
        }

        foreach (var counted in snapshot.CountedSockets)
        {
            byState[(int)counted.State] += counted.Count;
            if (counted.Pid is int pid)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byPidState, (pid, counted.State), out _) += counted.Count;
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
}
