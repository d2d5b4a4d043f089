using System.Runtime.InteropServices;
using PortDoctor.Core.Model;
using Tally = PortDoctor.Core.Analysis.ProcessConsumers.Tally;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// <see cref="ProcessConsumers.Compute"/> for a monitor, kept between samples: each process's tally is
/// counted up for the sockets that appeared and down for those that vanished, instead of a pass over
/// every socket. Counted afresh when <see cref="AfreshSchedule"/> says, when
/// the ranges or the listening ports change, when the listing cannot be compared with the previous one,
/// when the snapshot has counted rows, and while a process's sockets carry different names (the first
/// in the listing's order wins). The result is the one <see cref="ProcessConsumers.Compute"/> gives
/// (IncrementalSampleTests).
/// </summary>
public sealed class IncrementalProcessConsumers
{
    private readonly Dictionary<int, Tally> _tallies = [];
    private ProcessConsumers.PoolRanges _ranges = new([]);
    private PortMask _listenerPorts = new();
    private bool _valid;
    private AfreshSchedule _afresh;

    /// <summary>Whether the last call counted everything afresh (a test seam).</summary>
    public bool LastWasFull { get; private set; }

    /// <param name="turnover">The sockets that came and went since the previous call's snapshot.</param>
    /// <param name="comparable">What <see cref="SocketTurnover.Next"/> returned for this snapshot.</param>
    public IReadOnlyList<ProcessConsumer> Compute(
        Snapshot snapshot, IReadOnlyList<EphemeralUsage> usage, IReadOnlyList<TimeWaitAttribution> timeWait, SocketTurnover? turnover, bool comparable)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(usage);
        var valid = _valid;
        _valid = false; // until this call is through
        if (snapshot.CountedSockets.Count > 0)
        {
            LastWasFull = true;
            return ProcessConsumers.Compute(snapshot, usage, timeWait);
        }

        var ranges = ProcessConsumers.Ranges(usage);
        LastWasFull = !valid || !comparable || turnover is null || _afresh.Due(snapshot.Time) ||
            !SameRanges(ranges) || ListenersTouched(turnover);
        if (!LastWasFull && !Update(turnover!))
        {
            LastWasFull = true; // a process got a second name: the tallies are spoilt
        }

        // Two names for one process: which is first depends on the order, so the next sample starts afresh too.
        _valid = !LastWasFull || Full(snapshot, ranges);
        return ProcessConsumers.Assemble(snapshot, _tallies, timeWait, copy: true);
    }

    /// <summary>Counts everything afresh; false when a process's sockets carry two names.</summary>
    private bool Full(Snapshot snapshot, ProcessConsumers.PoolRanges ranges)
    {
        var oneName = true;
        _tallies.Clear();
        _afresh.Counted(snapshot.Time);
        _ranges = ranges;
        _listenerPorts = ProcessConsumers.ListenerPorts(snapshot);
        foreach (var socket in snapshot.Sockets)
        {
            if (ProcessConsumers.Owned(socket) is { } pid)
            {
                var tally = TallyOf(pid);
                tally.Name ??= socket.ProcessName;
                oneName &= socket.ProcessName is null || socket.ProcessName == tally.Name;
                tally.Add(socket, ProcessConsumers.IsEphemeral(socket, _ranges, _listenerPorts), 1);
            }
        }

        return oneName;
    }

    /// <summary>Counts the vanished sockets out and the new ones in; false (tallies spoilt) when a process would get a second name.</summary>
    private bool Update(SocketTurnover turnover)
    {
        foreach (var socket in turnover.Vanished)
        {
            if (ProcessConsumers.Owned(socket) is { } pid && _tallies.TryGetValue(pid, out var tally))
            {
                tally.Add(socket, ProcessConsumers.IsEphemeral(socket, _ranges, _listenerPorts), -1);
                if (tally.Named == 0)
                {
                    tally.Name = null;
                }

                if (tally.Sockets == 0)
                {
                    _tallies.Remove(pid);
                }
            }
        }

        foreach (var socket in turnover.Appeared)
        {
            if (ProcessConsumers.Owned(socket) is not { } pid)
            {
                continue;
            }

            var tally = TallyOf(pid);
            if (socket.ProcessName is { } name && tally.Name is { } known && name != known)
            {
                return false;
            }

            tally.Name ??= socket.ProcessName;
            tally.Add(socket, ProcessConsumers.IsEphemeral(socket, _ranges, _listenerPorts), 1);
        }

        return true;
    }

    private Tally TallyOf(int pid)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_tallies, pid, out _);
        return slot ??= new Tally(pid);
    }

    private bool SameRanges(ProcessConsumers.PoolRanges ranges) => ranges.Equals(_ranges);

    private static bool ListenersTouched(SocketTurnover turnover) =>
        turnover.Appeared.Any(s => s.State == SocketState.Listen) || turnover.Vanished.Any(s => s.State == SocketState.Listen);
}
