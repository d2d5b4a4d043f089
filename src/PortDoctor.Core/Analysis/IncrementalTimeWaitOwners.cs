using System.Runtime.InteropServices;
using PortDoctor.Core.Model;
using Basis = PortDoctor.Core.Analysis.TimeWaitOwners.Basis;
using GroupKey = PortDoctor.Core.Analysis.TimeWaitOwners.GroupKey;
using LiveOwners = PortDoctor.Core.Analysis.TimeWaitOwners.LiveOwners;
using Reason = PortDoctor.Core.Analysis.TimeWaitOwners.Reason;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// <see cref="TimeWaitOwners.Infer"/> for a monitor, kept between samples: each orphan's owner is
/// worked out when it appears (or when the remembered owner of its 4-tuple changes) and kept while it
/// is listed, so a sample re-counts only the sockets that came and went. The live owners per remote
/// are counted again only when a socket that came or went is one they count, or the remotes asked
/// about change. Everything is worked out afresh when <see cref="AfreshSchedule"/> says, when the
/// listeners or the range change, and when the listing cannot be compared with the previous one.
/// The result is always the one <see cref="TimeWaitOwners.Infer"/> gives for the same snapshot and
/// remembered owners (IncrementalSampleTests).
/// </summary>
public sealed class IncrementalTimeWaitOwners
{
    private static readonly Dictionary<(Endpoint, Endpoint), (int Pid, bool Monitor)> NoHistory = [];

    private readonly Dictionary<SocketEntry, Reason> _reasons = new(ReferenceEqualityComparer.Instance);
    // The listed orphans by 4-tuple: one socket each, nearly always (a list only for the second and further: 16,000
    // lists of one were ~1.5 MB that the monitor kept).
    private readonly Dictionary<(Endpoint Local, Endpoint Remote), SocketEntry> _byTuple = [];
    private readonly Dictionary<(Endpoint Local, Endpoint Remote), List<SocketEntry>> _moreByTuple = [];
    private readonly Dictionary<GroupKey, (int All, int Ephemeral)> _known = [];
    private readonly Dictionary<(Endpoint Remote, bool Closing), (int All, int Ephemeral)> _unresolved = [];
    private readonly Dictionary<Endpoint, int> _pending = [];
    private readonly List<SocketEntry> _again = [];
    private Dictionary<int, int> _listeners = [];
    private PortRange? _ephemeral;
    private LiveOwners? _live;
    private bool _pendingChanged;
    private bool _valid;
    private AfreshSchedule _afresh;

    /// <summary>Whether the last call worked everything out afresh (a test seam).</summary>
    public bool LastWasFull { get; private set; }

    /// <param name="snapshot">This sample.</param>
    /// <param name="turnover">The sockets that came and went since the previous call's snapshot; null or false <paramref name="comparable"/>: unknown.</param>
    /// <param name="comparable">What <see cref="SocketTurnover.Next"/> returned for this snapshot.</param>
    /// <param name="ephemeral">As for <see cref="TimeWaitOwners.Infer"/>.</param>
    /// <param name="remembered">As for <see cref="TimeWaitOwners.Infer"/>.</param>
    /// <param name="rememberedChanged">The 4-tuples whose remembered owner may have changed since the previous call.</param>
    public IReadOnlyList<TimeWaitAttribution> Infer(
        Snapshot snapshot,
        SocketTurnover? turnover,
        bool comparable,
        PortRange? ephemeral,
        Func<Endpoint, Endpoint, int?> remembered,
        IReadOnlyCollection<(Endpoint Local, Endpoint Remote)> rememberedChanged)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(remembered);
        ArgumentNullException.ThrowIfNull(rememberedChanged);
        var valid = _valid;
        _valid = false; // until this call is through: a call that throws leaves the next one to start afresh
        LastWasFull = !valid || !comparable || turnover is null || _afresh.Due(snapshot.Time) || ephemeral != _ephemeral || ListenersTouched(turnover);
        if (LastWasFull)
        {
            if (!Full(snapshot, ephemeral, remembered))
            {
                return TimeWaitOwners.Infer(snapshot, null, ephemeral, remembered);
            }
        }
        else
        {
            Update(turnover!, remembered, rememberedChanged);
        }

        if (_live is null || _pendingChanged || LiveTouched(turnover, LastWasFull))
        {
            _live = LiveOwners.Count(snapshot, _pending.Keys);
            _pendingChanged = false;
        }

        var groups = new Dictionary<GroupKey, (int All, int Ephemeral)>(_known);
        foreach (var ((remote, closing), counts) in _unresolved)
        {
            var reason = _live.Attribute(remote);
            ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, new GroupKey(reason.Pid, remote, reason.Confidence, reason.Basis, reason.Processes, closing), out _);
            group = (group.All + counts.All, group.Ephemeral + counts.Ephemeral);
        }

        TimeWaitOwners.AddCounted(snapshot, ephemeral, groups);
        _valid = true;
        return TimeWaitOwners.Attributions(snapshot, groups);
    }

    /// <summary>Everything afresh; false when an object is listed twice (then nothing is kept).</summary>
    private bool Full(Snapshot snapshot, PortRange? ephemeral, Func<Endpoint, Endpoint, int?> remembered)
    {
        _reasons.Clear();
        _byTuple.Clear();
        _moreByTuple.Clear();
        _known.Clear();
        _unresolved.Clear();
        _pending.Clear();
        _live = null;
        _afresh.Counted(snapshot.Time);
        _ephemeral = ephemeral;
        _listeners = TimeWaitOwners.Listeners(snapshot);
        foreach (var socket in snapshot.Sockets)
        {
            if (IsCounted(socket) && !Add(socket, remembered))
            {
                return false;
            }
        }

        return true;
    }

    private void Update(SocketTurnover turnover, Func<Endpoint, Endpoint, int?> remembered, IReadOnlyCollection<(Endpoint Local, Endpoint Remote)> rememberedChanged)
    {
        foreach (var socket in turnover.Vanished)
        {
            if (IsCounted(socket))
            {
                Remove(socket);
            }
        }

        // Listed orphans whose 4-tuple's remembered owner changed: worked out again.
        _again.Clear();
        foreach (var tuple in rememberedChanged)
        {
            if (_byTuple.TryGetValue(tuple, out var socket))
            {
                _again.Add(socket);
            }

            if (_moreByTuple.TryGetValue(tuple, out var more))
            {
                _again.AddRange(more);
            }
        }

        foreach (var socket in _again)
        {
            Remove(socket);
            Add(socket, remembered);
        }

        foreach (var socket in turnover.Appeared)
        {
            if (IsCounted(socket))
            {
                Add(socket, remembered);
            }
        }
    }

    private static bool IsCounted(SocketEntry socket) => TimeWaitOwners.IsOrphaned(socket) && socket.Protocol == TransportProtocol.Tcp;

    private static bool ListenersTouched(SocketTurnover? turnover) =>
        turnover is not null && (turnover.Appeared.Any(TimeWaitOwners.IsOwnedListener) || turnover.Vanished.Any(TimeWaitOwners.IsOwnedListener));

    /// <summary>Whether a socket that came or went is one the live owners count (always after a fresh start).</summary>
    private bool LiveTouched(SocketTurnover? turnover, bool full)
    {
        if (full || turnover is null)
        {
            return true;
        }

        foreach (var socket in turnover.Appeared)
        {
            if (_live!.Counts(socket))
            {
                return true;
            }
        }

        foreach (var socket in turnover.Vanished)
        {
            if (_live!.Counts(socket))
            {
                return true;
            }
        }

        return false;
    }

    private bool Add(SocketEntry socket, Func<Endpoint, Endpoint, int?> remembered)
    {
        var reason = TimeWaitOwners.Known(socket, NoHistory, remembered, _listeners);
        if (!_reasons.TryAdd(socket, reason))
        {
            return false;
        }

        var tuple = (socket.Local, socket.Remote);
        if (!_byTuple.TryAdd(tuple, socket))
        {
            ref var more = ref CollectionsMarshal.GetValueRefOrAddDefault(_moreByTuple, tuple, out _);
            (more ??= []).Add(socket);
        }

        Count(socket, reason, 1);
        return true;
    }

    private void Remove(SocketEntry socket)
    {
        if (!_reasons.Remove(socket, out var reason))
        {
            return;
        }

        var tuple = (socket.Local, socket.Remote);
        _moreByTuple.TryGetValue(tuple, out var more);
        if (ReferenceEquals(_byTuple[tuple], socket))
        {
            // The last of the others takes its place.
            if (more is null)
            {
                _byTuple.Remove(tuple);
            }
            else
            {
                _byTuple[tuple] = more[^1];
                more.RemoveAt(more.Count - 1);
            }
        }
        else
        {
            more!.RemoveAt(more.FindIndex(s => ReferenceEquals(s, socket))); // by object: two listed sockets can be equal
        }

        if (more is { Count: 0 })
        {
            _moreByTuple.Remove(tuple);
        }

        Count(socket, reason, -1);
    }

    /// <summary>Adds (+1) or takes away (-1) the socket in its group, or among the unresolved per remote.</summary>
    private void Count(SocketEntry socket, Reason reason, int sign)
    {
        var ephemeral = TimeWaitOwners.InRange(socket, _ephemeral) ? sign : 0;
        if (reason.Basis != Basis.Unresolved)
        {
            Add(_known, TimeWaitOwners.KeyOf(socket, reason), sign, ephemeral);
            return;
        }

        Add(_unresolved, (socket.Remote, socket.State != SocketState.TimeWait), sign, ephemeral);
        ref var waiting = ref CollectionsMarshal.GetValueRefOrAddDefault(_pending, socket.Remote, out _);
        waiting += sign;
        if (waiting == 0)
        {
            _pending.Remove(socket.Remote);
            _pendingChanged = true;
        }
        else if (waiting == 1 && sign > 0)
        {
            _pendingChanged = true;
        }
    }

    private static void Add<TKey>(Dictionary<TKey, (int All, int Ephemeral)> counts, TKey key, int all, int ephemeral)
        where TKey : notnull
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
        count = (count.All + all, count.Ephemeral + ephemeral);
        if (count.All == 0)
        {
            counts.Remove(key);
        }
    }
}
