using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;

namespace PortDoctor.Monitoring;

/// <summary>
/// The ESTABLISHED 4-tuples the monitor has seen, with their owner, so a later TIME_WAIT on the
/// same 4-tuple is attributed from history. A 4-tuple still listed ESTABLISHED under its owner is
/// never forgotten (it is the one whose TIME_WAIT is still to come). Bounded: past
/// <see cref="Capacity"/> the 4-tuples that stopped being listed longest ago are forgotten first (a
/// TIME_WAIT lasts 60 s, so those no longer matter); only more ESTABLISHED sockets listed at once
/// than the capacity keep more.
/// </summary>
public sealed class ConnectionMemory(int capacity = ConnectionMemory.DefaultCapacity)
{
    public const int DefaultCapacity = 65_536;

    private readonly Dictionary<(Endpoint Local, Endpoint Remote), Entry> _owners = [];
    private readonly List<(Endpoint Local, Endpoint Remote)> _changed = [];
    private Entry? _closedFirst; // the 4-tuples no longer listed, the one that stopped longest ago first
    private Entry? _closedLast;
    private int _pass; // counts the calls that went through every socket

    // A source that hands out the same SocketEntry for a socket that did not change (the Linux collector's
    // recall) lets the sockets the last call went through pass without a 4-tuple lookup: only those that
    // appeared since are looked at, and those that vanished are the 4-tuples no longer listed. Valid only
    // after a call that completed without changing an owner (see Remember).
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
        // A socket object the last call went through is remembered, listed, under its owner still, unless
        // the last call changed an owner or this one gives a 4-tuple another owner (a socket passed over
        // may hold it after the new one). Forgetting touches only 4-tuples no longer listed.
        var shortcut = comparable && _settled && !ChangesAnOwner(turnover.Appeared);
        var settled = true;
        _settled = false;
        _changed.Clear();
        _pass++;
        if (shortcut)
        {
            foreach (var socket in turnover.Vanished)
            {
                if (Owned(socket) is { } pid && _owners.TryGetValue((socket.Local, socket.Remote), out var entry) && entry.Owner.Pid == pid)
                {
                    Close(entry);
                }
            }
        }

        foreach (var socket in shortcut ? turnover.Appeared : snapshot.Sockets)
        {
            if (Owned(socket) is not { } pid)
            {
                continue;
            }

            var key = (socket.Local, socket.Remote);
            if (_owners.TryGetValue(key, out var known))
            {
                if (known.Owner.Pid == pid)
                {
                    Reopen(known);
                    continue;
                }

                // Another owner now: a socket object passed earlier in this call may no longer match its entry.
                Unlink(known);
                settled = false;
            }

            if (!starts.TryGetValue(pid, out var start))
            {
                starts[pid] = start = startTime(pid);
            }

            var owner = new ConnectionOwner(socket.Local, socket.Remote, pid, start);
            _owners[key] = new Entry(owner) { Pass = _pass };
            fresh.Add(owner);
            _changed.Add(key);
        }

        if (!shortcut)
        {
            // Every listed socket was looked at: the 4-tuples listed before and not now stopped being listed.
            foreach (var entry in _owners.Values)
            {
                if (!entry.Closed && entry.Pass != _pass)
                {
                    Close(entry);
                }
            }
        }

        while (_owners.Count > Capacity && _closedFirst is { } oldest)
        {
            Unlink(oldest);
            _owners.Remove((oldest.Owner.Local, oldest.Owner.Remote));
            _changed.Add((oldest.Owner.Local, oldest.Owner.Remote));
        }

        _settled = settled;
        if (_changed.Capacity > 4 * Math.Max(_changed.Count, 1024))
        {
            _changed.Capacity = Math.Max(_changed.Count, 1024); // the first call's 40,000 need not stay allocated (2 MB)
        }

        return fresh;
    }

    /// <summary>The owner remembered for the 4-tuple; null when it was never seen ESTABLISHED (or is forgotten).</summary>
    public int? OwnerOf(Endpoint local, Endpoint remote) =>
        _owners.TryGetValue((local, remote), out var known) ? known.Owner.Pid : null;

    /// <summary>Whether the 4-tuple is remembered and no longer listed ESTABLISHED under its owner (the first to be forgotten).</summary>
    public bool IsClosed(Endpoint local, Endpoint remote) =>
        _owners.TryGetValue((local, remote), out var known) && known.Closed;

    /// <summary>The owner of a socket the memory keeps: an owned ESTABLISHED TCP socket's pid.</summary>
    private static int? Owned(SocketEntry socket) =>
        socket is { Protocol: TransportProtocol.Tcp, State: SocketState.Established, Pid: { } pid and > 0 } ? pid : null;

    /// <summary>Whether one of these sockets is an owned ESTABLISHED one whose 4-tuple is remembered under another owner.</summary>
    private bool ChangesAnOwner(IReadOnlyList<SocketEntry> sockets)
    {
        foreach (var socket in sockets)
        {
            if (Owned(socket) is { } pid && _owners.TryGetValue((socket.Local, socket.Remote), out var known) && known.Owner.Pid != pid)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Listed no more: last in the order of forgetting.</summary>
    private void Close(Entry entry)
    {
        Unlink(entry);
        entry.Closed = true;
        entry.Previous = _closedLast;
        if (_closedLast is null)
        {
            _closedFirst = entry;
        }
        else
        {
            _closedLast.Next = entry;
        }

        _closedLast = entry;
    }

    /// <summary>Listed (again): out of the order of forgetting.</summary>
    private void Reopen(Entry entry)
    {
        entry.Pass = _pass;
        Unlink(entry);
    }

    private void Unlink(Entry entry)
    {
        if (!entry.Closed)
        {
            return;
        }

        if (entry.Previous is null)
        {
            _closedFirst = entry.Next;
        }
        else
        {
            entry.Previous.Next = entry.Next;
        }

        if (entry.Next is null)
        {
            _closedLast = entry.Previous;
        }
        else
        {
            entry.Next.Previous = entry.Previous;
        }

        (entry.Previous, entry.Next, entry.Closed) = (null, null, false);
    }

    /// <summary>A remembered 4-tuple: its owner, and while it is no longer listed, its place in the order of forgetting.</summary>
    private sealed class Entry(ConnectionOwner owner)
    {
        public ConnectionOwner Owner { get; } = owner;

        public bool Closed { get; set; }

        public int Pass { get; set; } // the last call through every socket that saw it listed

        public Entry? Previous { get; set; }

        public Entry? Next { get; set; }
    }
}
