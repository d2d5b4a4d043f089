using PortDoctor.Core.Model;
using PoolSetup = PortDoctor.Core.Analysis.EphemeralAccounting.PoolSetup;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// <see cref="EphemeralAccounting.Compute(Snapshot)"/> for a monitor on Linux, kept between samples:
/// each pool's per-port counts and each destination's ports are counted up for the sockets that
/// appeared and down for those that vanished (<see cref="SocketTurnover"/>), instead of a pass over
/// every socket. Counted afresh when <see cref="AfreshSchedule"/> says,
/// when a range, the reserved ports, tcp_tw_reuse or the listening ports change, and when the
/// listing cannot be compared with the one this last counted; Windows snapshots are always counted
/// afresh (its collector hands out new objects every time). The result is the one
/// <see cref="EphemeralAccounting.Compute(Snapshot)"/> gives (IncrementalSampleTests).
/// </summary>
public sealed partial class IncrementalEphemeralAccounting(SocketTurnover turnover)
{
    private List<PoolSetup> _setups = [];
    private KeptPool[] _pools = [];
    private long _listing = -1; // the turnover's listing these counts are of
    private bool _valid;
    private AfreshSchedule _afresh;
    private Snapshot? _of; // the last snapshot counted, and its usage: asked again, not counted again
    private IReadOnlyList<EphemeralUsage> _usage = [];

    /// <summary>Whether the last call counted everything afresh (a test seam).</summary>
    public bool LastWasFull { get; private set; }

    /// <summary>The snapshot's usage; the same list when asked again for the same sockets and port configuration.</summary>
    public IReadOnlyList<EphemeralUsage> Compute(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (_of is { } of && ReferenceEquals(of.Sockets, snapshot.Sockets) && ReferenceEquals(of.Ports, snapshot.Ports) && of.Os == snapshot.Os)
        {
            return _usage;
        }

        var valid = _valid;
        _valid = false; // until this call is through: a call that throws leaves the next one to start afresh
        _of = null;
        if (snapshot.Os == OsKind.Windows)
        {
            LastWasFull = true;
            return EphemeralAccounting.Compute(snapshot);
        }

        var comparable = turnover.Next(snapshot.Sockets) && turnover.Listing == _listing + 1;
        _listing = turnover.Listing;
        var setups = EphemeralAccounting.Setups(snapshot);
        var sameSetups = SameSetups(setups);
        LastWasFull = !valid || !comparable || _afresh.Due(snapshot.Time) || !sameSetups || ListenersTouched(turnover);
        if (LastWasFull)
        {
            Full(snapshot, setups, reuse: sameSetups);
        }
        else
        {
            foreach (var pool in _pools)
            {
                pool.Count(turnover.Vanished, -1);
                pool.Count(turnover.Appeared, 1);
            }
        }

        var usage = new List<EphemeralUsage>(_pools.Length);
        foreach (var pool in _pools)
        {
            usage.Add(pool.Usage());
        }

        (_of, _usage, _valid) = (snapshot, usage, true);
        return usage;
    }

    /// <summary>
    /// Counts every socket afresh. Pools of an unchanged setup are emptied and counted again in the
    /// storage they have: their per-port arrays and a busy destination's port map are large objects,
    /// and making them anew every 10th sample set off a compacting collection in that sample (2,700
    /// page faults in it at 37,800 ESTABLISHED sockets, ~300 in the others).
    /// </summary>
    private void Full(Snapshot snapshot, List<PoolSetup> setups, bool reuse)
    {
        _afresh.Counted(snapshot.Time);
        if (!reuse)
        {
            _pools = [.. setups.Select(setup => setup.IsLinuxTcp ? new KeptLinuxTcp(setup) : (KeptPool)new KeptGlobal(setup))];
            _setups = setups; // only with pools made for them: a later count afresh may then reuse them
        }

        foreach (var pool in _pools)
        {
            pool.Clear(snapshot.Sockets);
            pool.Count(snapshot.Sockets, 1);
            pool.Trim();
        }
    }

    private bool SameSetups(List<PoolSetup> setups)
    {
        if (setups.Count != _setups.Count)
        {
            return false;
        }

        for (var p = 0; p < setups.Count; p++)
        {
            if (!setups[p].SameAs(_setups[p]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A listener's port takes the accepted connections on it out of the destinations: counted afresh when one comes or goes.</summary>
    private static bool ListenersTouched(SocketTurnover turnover) =>
        turnover.Appeared.Any(s => s.State == SocketState.Listen) || turnover.Vanished.Any(s => s.State == SocketState.Listen);
}
