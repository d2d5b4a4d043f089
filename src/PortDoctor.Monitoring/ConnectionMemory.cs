using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;

namespace PortDoctor.Monitoring;

/// <summary>
/// The ESTABLISHED 4-tuples the monitor has seen, with their owner, so a later TIME_WAIT on the
/// same 4-tuple is attributed from history. Bounded: past <see cref="Capacity"/> the oldest
/// sightings are forgotten first (a TIME_WAIT lasts 60 s, so old ones no longer matter).
/// </summary>
public sealed class ConnectionMemory(int capacity = ConnectionMemory.DefaultCapacity)
{
    public const int DefaultCapacity = 65_536;

    private readonly Dictionary<(Endpoint Local, Endpoint Remote), LinkedListNode<ConnectionOwner>> _owners = [];
    private readonly LinkedList<ConnectionOwner> _age = new();
    private readonly List<(Endpoint Local, Endpoint Remote)> _changed = [];

    // A source that hands out the same SocketEntry for a socket that did not change (the Linux collector's
    // recall) lets the sockets the last call went through pass without a 4-tuple lookup: only those that
    // appeared since are looked at. Valid only after a call that completed without forgetting an entry
    // or changing one's owner (see Remember).
    private readonly SocketTurnover _turnover = new();
    private long _listing = -1;
    private bool _settled;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _owners.Count;

    /// <summary>The 4-tuples the last <see cref="Remember(Snapshot, Func{int, DateTimeOffset?})"/> added, gave another owner or forgot: where <see cref="OwnerOf"/> may answer otherwise since.</summary>
    public IReadOnlyList<(Endpoint Local, Endpoint Remote)> LastChanged => _changed;

    /// <summary>Remembers each ESTABLISHED owned TCP socket; returns the 4-tuples not seen before (or now under another owner).</summary>
    public IReadOnlyList<ConnectionOwner> Remember(Snapshot snapshot, Func<int, DateTimeOffset?> startTime)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var comparable = _turnover.Next(snapshot.Sockets) && _turnover.Listing == _listing + 1;
        _listing = _turnover.Listing;
        return Remember(snapshot, startTime, _turnover, comparable);
    }

    /// <summary>
    /// As <see cref="Remember(Snapshot, Func{int, DateTimeOffset?})"/>, with the sockets that came and went
    /// told by a turnover shared with other steps of the sample; <paramref name="comparable"/>: whether it
    /// leads from the listing of this memory's last call to this snapshot's.
    /// </summary>
    public IReadOnlyList<ConnectionOwner> Remember(Snapshot snapshot, Func<int, DateTimeOffset?> startTime, SocketTurnover turnover, bool comparable)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(startTime);
        ArgumentNullException.ThrowIfNull(turnover);
        var fresh = new List<ConnectionOwner>();
        var starts = new Dictionary<int, DateTimeOffset?>();
        // A socket object the last call went through is remembered under its owner still, unless the
        // last call forgot an entry or changed one's owner, or this one may forget (the capacity could be
        // reached) or give a 4-tuple another owner (a socket passed over may hold it after the new one).
        var shortcut = comparable && _settled && _owners.Count + snapshot.Sockets.Count <= Capacity && !ChangesAnOwner(turnover.Appeared);
        var settled = true;
        _settled = false;
        _changed.Clear();
        foreach (var socket in shortcut ? turnover.Appeared : snapshot.Sockets)
        {
            if (socket is not { Protocol: TransportProtocol.Tcp, State: SocketState.Established, Pid: > 0 })
            {
                continue;
            }

            var pid = socket.Pid!.Value;
            var key = (socket.Local, socket.Remote);
            if (_owners.TryGetValue(key, out var known) && known.Value.Pid == pid)
            {
                continue;
            }

            if (known is not null)
            {
                // Another owner now: a socket object passed earlier in this call may no longer match its entry.
                _age.Remove(known);
                settled = false;
            }

            if (!starts.TryGetValue(pid, out var start))
            {
                starts[pid] = start = startTime(pid);
            }

            var owner = new ConnectionOwner(socket.Local, socket.Remote, pid, start);
            _owners[key] = _age.AddLast(owner);
            fresh.Add(owner);
            _changed.Add(key);
            if (_owners.Count > Capacity)
            {
                var oldest = _age.First!;
                _owners.Remove((oldest.Value.Local, oldest.Value.Remote));
                _changed.Add((oldest.Value.Local, oldest.Value.Remote));
                _age.RemoveFirst();
                settled = false;
            }
        }

        _settled = settled;
        if (_changed.Capacity > 4 * Math.Max(_changed.Count, 1024))
        {
            _changed.Capacity = Math.Max(_changed.Count, 1024); // the first call's 40,000 need not stay allocated (2 MB)
        }

        return fresh;
    }

    /// <summary>Whether one of these sockets is an owned ESTABLISHED one whose 4-tuple is remembered under another owner.</summary>
    private bool ChangesAnOwner(IReadOnlyList<SocketEntry> sockets)
    {
        foreach (var socket in sockets)
        {
            if (socket is { Protocol: TransportProtocol.Tcp, State: SocketState.Established, Pid: { } pid and > 0 } &&
                _owners.TryGetValue((socket.Local, socket.Remote), out var known) && known.Value.Pid != pid)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The owner remembered for the 4-tuple; null when it was never seen ESTABLISHED (or is forgotten).</summary>
    public int? OwnerOf(Endpoint local, Endpoint remote) =>
        _owners.TryGetValue((local, remote), out var known) ? known.Value.Pid : null;

    /// <summary>What is remembered, as one earlier snapshot of ESTABLISHED sockets: the form TIME_WAIT attribution reads.</summary>
    public Snapshot AsSnapshot(DateTimeOffset time) => new()
    {
        Time = time,
        Sockets = _age
            .Select(o => new SocketEntry(TransportProtocol.Tcp, o.Local.Address.Contains(':', StringComparison.Ordinal) ? IpFamily.IPv6 : IpFamily.IPv4, SocketState.Established, o.Local, o.Remote) { Pid = o.Pid })
            .ToList(),
    };
}
