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

    // The ESTABLISHED sockets the last call went through, as objects and in order: a source that hands
    // out the same SocketEntry for a socket that did not change (the Linux collector's recall) lets them
    // pass without a 4-tuple lookup. Valid only while no entry was forgotten or changed owner since (see Remember).
    private List<SocketEntry> _passed = [];
    private List<SocketEntry> _passing = [];
    private bool _reordered;

    // Where the last call's list is being followed; its objects by position, made only when the order differs.
    private int _cursor;
    private Dictionary<SocketEntry, int>? _passedAt;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _owners.Count;

    /// <summary>The 4-tuples the last <see cref="Remember"/> added, gave another owner or forgot: where <see cref="OwnerOf"/> may answer otherwise since.</summary>
    public IReadOnlyList<(Endpoint Local, Endpoint Remote)> LastChanged => _changed;

    /// <summary>Remembers each ESTABLISHED owned TCP socket; returns the 4-tuples not seen before (or now under another owner).</summary>
    public IReadOnlyList<ConnectionOwner> Remember(Snapshot snapshot, Func<int, DateTimeOffset?> startTime)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(startTime);
        var fresh = new List<ConnectionOwner>();
        var starts = new Dictionary<int, DateTimeOffset?>();
        // A socket object the last call went through is remembered under its owner still, unless the
        // last call forgot an entry or changed one's owner, or this one may forget (the capacity could be reached).
        var shortcut = !_reordered && _owners.Count + snapshot.Sockets.Count <= Capacity;
        _reordered = false;
        _changed.Clear();
        _passing.Clear();
        _cursor = 0;
        _passedAt = null;
        foreach (var socket in snapshot.Sockets)
        {
            if (socket is not { Protocol: TransportProtocol.Tcp, State: SocketState.Established, Pid: { } pid and > 0 })
            {
                continue;
            }

            _passing.Add(socket);
            if (shortcut && PassedLastTime(socket))
            {
                continue;
            }

            var key = (socket.Local, socket.Remote);
            if (_owners.TryGetValue(key, out var known) && known.Value.Pid == pid)
            {
                continue;
            }

            if (known is not null)
            {
                // Another owner now: a socket object passed earlier in this call may no longer match its entry.
                _age.Remove(known);
                _reordered = true;
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
                _reordered = true;
            }
        }

        (_passed, _passing) = (_passing, _passed);
        return fresh;
    }

    /// <summary>
    /// Whether the last call went through this very object: compared with the next one in the last call's
    /// order first (a source that lists an unchanged table in the same order hits every time), then a few
    /// further on (a socket gone), then looked up by position.
    /// </summary>
    private bool PassedLastTime(SocketEntry socket)
    {
        const int LookAhead = 8;
        for (var i = _cursor; i < _passed.Count && i < _cursor + LookAhead; i++)
        {
            if (ReferenceEquals(_passed[i], socket))
            {
                _cursor = i + 1;
                return true;
            }
        }

        if (_passedAt is null)
        {
            _passedAt = new Dictionary<SocketEntry, int>(_passed.Count, ReferenceEqualityComparer.Instance);
            for (var i = 0; i < _passed.Count; i++)
            {
                _passedAt.TryAdd(_passed[i], i);
            }
        }

        if (!_passedAt.TryGetValue(socket, out var at))
        {
            return false;
        }

        _cursor = at + 1;
        return true;
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
