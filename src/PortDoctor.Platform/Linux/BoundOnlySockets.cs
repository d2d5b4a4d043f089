using PortDoctor.Core.Model;
using static System.FormattableString;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// A network namespace's bound-only TCP sockets (bound to a port, neither listening nor connected:
/// `ss -B`, the guide's BOUND), carried from one walk of the kernel's bind table to the next samples
/// of a monitor, so that most samples' dumps can leave that walk out: at 40,000 sockets it is about
/// 11 ms of a 39 ms dump (bench/tcp-dump-split.sh). The set changes only through a socket fd of some
/// process: a TCP socket bound (a new one, or one held unbound before), a listed socket that left the
/// tables while still held (reset with its port kept, a listener shut down), or a bound-only socket
/// closed, listening or connecting. A sample carries the last walk's sockets only when none of these
/// can have happened since, as far as the fd tables show:
/// <list type="bullet">
/// <item>the same namespace as the last walk, no full rescan of the fd tables due, no table unreadable;</item>
/// <item>every carried socket is still at the fd it was found at (one readlink each, at most <see cref="MaxCarried"/>) and in no table;</item>
/// <item>no socket fd of a table walked in this sample is a TCP socket in no table held by a process of this namespace (its kind read once per inode);</item>
/// <item>no TCP socket was held unbound at the last walk (it may be bound at any moment: every sample walks while one is);</item>
/// <item>no TCP socket the last sample listed is missing now while a process still holds it.</item>
/// </list>
/// Otherwise the bind table is walked: on its own in this sample, and in the whole dump the next.
/// What it cannot see, like the owners' memory (<see cref="FdTableMemory"/>): a process that closes
/// one fd and binds a new socket at the same fd count, not at a carried socket's fd, is not walked
/// again, so its socket shows at the next full rescan (every 10th sample but at most every 5 minutes; at least every 10 minutes).
/// Pure over <see cref="IFdTableSource"/>; one collection at a time (the owner cache's lock).
/// </summary>
internal sealed class BoundOnlySockets
{
    /// <summary>More carried sockets than this cost more readlinks than the walk: then the bind table is walked every sample.</summary>
    public const int MaxCarried = 256;

    /// <summary>Bounds the remembered socket kinds (a host with churn of unix sockets): past it they are read again.</summary>
    public const int MaxKinds = 100_000;

    private readonly List<(SocketEntry Socket, int Pid, int Fd)> _carried = [];
    private readonly HashSet<long> _carriedInodes = [];
    private readonly HashSet<long> _heldUnbound = [];
    private readonly Dictionary<long, bool> _isTcp = [];
    private readonly Dictionary<int, long> _namespaces = []; // the processes' network namespaces, read once per collection
    private long _walkedIn;   // the namespace of the last bind-table walk; 0 before the first
    private long _previousIn; // the namespace of the previous collection, walked or not
    private bool _walkNext = true;
    private string _walkNextBecause = "no walk of the bind table remembered";
    private bool _unfinished; // a collection began and has not carried or learned yet

    /// <summary>Samples since the bind table was last walked.</summary>
    public int SamplesSinceWalk { get; private set; }

    /// <summary>Why the last sample could not carry the bound-only sockets (null when it did or walked anyway).</summary>
    public string? LastReason { get; private set; }

    /// <summary>
    /// Starts a collection that will carry or learn. One that started and never did (it failed or was
    /// cancelled after its fd walk) leaves tables remembered whose sockets were never looked at: forget everything.
    /// </summary>
    public void Begin()
    {
        if (_unfinished)
        {
            Reset();
        }

        _unfinished = true;
    }

    /// <summary>Whether the dump of a collection in namespace <paramref name="netns"/> may leave the bind table out.</summary>
    public bool MaySkipWalk(long netns, bool fullRescanDue)
    {
        WalkReason = netns == 0 ? "this collection's namespace is unknown"
            : _walkedIn == 0 ? _walkNextBecause
            : netns != _walkedIn || netns != _previousIn ? "the last collection was in another namespace"
            : fullRescanDue ? "every fd table is walked in this collection"
            : _walkNext ? _walkNextBecause
            : null;
        return WalkReason is null;
    }

    /// <summary>Why the dump of this collection walks the bind table (null when <see cref="MaySkipWalk"/> said it may leave it out).</summary>
    public string? WalkReason { get; private set; }

    /// <summary>
    /// In a collection whose dump left the bind table out, once the fd tables are refreshed: the bound-only
    /// sockets carried from the last walk, or null when the bind table must be walked now (<see cref="LastReason"/> says why).
    /// </summary>
    /// <param name="listed">The inodes this collection's dumps listed.</param>
    /// <param name="vanished">Sockets the previous collection listed and this one has not (so far).</param>
    public IReadOnlyList<(SocketEntry Socket, int Pid, int Fd)>? TryCarry(
        IFdTableSource source, FdTableMemory memory, FdRefresh refresh, IReadOnlySet<long> listed, IEnumerable<SocketEntry> vanished)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(refresh);
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(vanished);
        _unfinished = false;
        LastReason = CannotCarry(source, memory, refresh, listed, vanished);
        if (LastReason is not null)
        {
            return null;
        }

        SamplesSinceWalk++;
        _previousIn = _walkedIn;
        return _carried;
    }

    /// <summary>
    /// After a dump that walked the bind table (the whole dump, or the bind table alone): remembers its
    /// bound-only sockets with the fds that hold them, the TCP sockets held unbound, and whether the
    /// next collection may leave the walk out.
    /// </summary>
    /// <param name="sockets">Every socket this collection listed, the bound-only ones included.</param>
    public void Learn(
        long netns, IFdTableSource source, FdTableMemory memory, FdRefresh refresh, IReadOnlyList<SocketEntry> sockets, IReadOnlySet<long> listed,
        IEnumerable<SocketEntry> vanished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(refresh);
        ArgumentNullException.ThrowIfNull(sockets);
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(vanished);

        // A carried socket gone from its fd while the fd count stayed: that table is not as remembered.
        var stale = _carried.Where(c => c.Pid >= 0 && source.SocketInodeAt(c.Pid, c.Fd) != c.Socket.Inode).Select(c => c.Pid).Distinct().ToList();
        foreach (var pid in stale)
        {
            memory.Rewalk(source, refresh, pid, cancellationToken);
        }

        _carried.Clear();
        _carriedInodes.Clear();
        var boundOnly = sockets.Where(s => s.Protocol == TransportProtocol.Tcp && s.State == SocketState.Bound).ToList();
        foreach (var socket in boundOnly.Count <= MaxCarried ? boundOnly : [])
        {
            // A socket no remembered table holds (a kernel socket, or one of a process started since) is carried unchecked.
            var (pid, fd) = socket.Inode is > 0 and var inode && memory.TryFindFd(inode, out var holder, out var at) ? (holder, at) : (-1, -1);
            _carried.Add((socket, pid, fd));
            _carriedInodes.Add(socket.Inode ?? 0);
        }

        if (netns != _previousIn)
        {
            _heldUnbound.Clear(); // what another namespace's collection saw says nothing here
        }
        else
        {
            foreach (var socket in vanished)
            {
                if (LeftTablesHeld(socket, memory, listed) is { } inode)
                {
                    _heldUnbound.Add(inode);
                }
            }
        }

        _namespaces.Clear();
        var heldBy = 0;
        foreach (var (inode, pid, fd) in refresh.WalkedSocketFds)
        {
            if (!listed.Contains(inode) && MayBindHere(source, netns, inode, pid, fd))
            {
                _heldUnbound.Add(inode);
                heldBy = pid;
            }
        }

        _heldUnbound.RemoveWhere(inode => listed.Contains(inode) || !memory.IsHeld(inode));
        _walkedIn = _previousIn = netns;
        SamplesSinceWalk = 0;
        _unfinished = false;
        _walkNextBecause =
            netns == 0 ? "the last walk's namespace is unknown"
            : refresh.DeniedPids.Count > 0 ? Invariant($"{(refresh.DeniedPids.Count == 1 ? "the fd table of 1 process was" : $"the fd tables of {refresh.DeniedPids.Count} processes were")} unreadable (pid {refresh.DeniedPids[0]} first)")
            : _heldUnbound.Count > 0 ? Invariant($"{(_heldUnbound.Count == 1 ? "1 TCP socket in no table was" : $"{_heldUnbound.Count} TCP sockets in no table were")} held (may bind at any moment){(heldBy > 0 ? $", one by pid {heldBy}" : "")}")
            : boundOnly.Count > MaxCarried ? Invariant($"more than {MaxCarried} bound-only sockets (checking each costs more than the walk)")
            : "";
        _walkNext = _walkNextBecause.Length > 0;
    }

    /// <summary>Forgets everything: the next collection walks the bind table (a collection that could not use the memory).</summary>
    public void Reset()
    {
        _carried.Clear();
        _carriedInodes.Clear();
        _heldUnbound.Clear();
        _walkedIn = _previousIn = 0;
        _walkNext = true;
        _walkNextBecause = "the last collection could not use what the walk before it found";
        _unfinished = false;
    }

    private string? CannotCarry(IFdTableSource source, FdTableMemory memory, FdRefresh refresh, IReadOnlySet<long> listed, IEnumerable<SocketEntry> vanished)
    {
        if (refresh.DeniedPids.Count > 0)
        {
            return "some fd tables are unreadable";
        }

        foreach (var (socket, pid, fd) in _carried)
        {
            var inode = socket.Inode ?? 0;
            if (listed.Contains(inode))
            {
                return "a bound-only socket is listening or connected now";
            }

            if (pid >= 0 && source.SocketInodeAt(pid, fd) != inode)
            {
                return "a bound-only socket is no longer at its fd";
            }
        }

        _namespaces.Clear();
        foreach (var (inode, pid, fd) in refresh.WalkedSocketFds)
        {
            if (!listed.Contains(inode) && !_carriedInodes.Contains(inode) && MayBindHere(source, _walkedIn, inode, pid, fd))
            {
                return "a process holds a TCP socket that is in no table";
            }
        }

        foreach (var socket in vanished)
        {
            if (LeftTablesHeld(socket, memory, listed) is not null)
            {
                return "a TCP socket left the tables while a process still holds it";
            }
        }

        return null;
    }

    /// <summary>The inode of a TCP socket listed before and not now that a process still holds; null otherwise.</summary>
    private long? LeftTablesHeld(SocketEntry socket, FdTableMemory memory, IReadOnlySet<long> listed) =>
        socket.Protocol == TransportProtocol.Tcp && socket.Inode is > 0 and var inode && !listed.Contains(inode) &&
        !_carriedInodes.Contains(inode) && memory.IsHeld(inode)
            ? inode
            : null;

    /// <summary>
    /// Whether a socket fd in no table of namespace <paramref name="netns"/> may be a TCP socket of it: TCP,
    /// and held by a process in it. A process elsewhere (a container's, the host's) holds its own
    /// namespace's sockets, which this one's tables never list; an exited process binds nothing; unknown namespaces are not ruled out.
    /// </summary>
    private bool MayBindHere(IFdTableSource source, long netns, long inode, int pid, int fd)
    {
        if (!IsTcp(source, inode, pid, fd))
        {
            return false;
        }

        if (!_namespaces.TryGetValue(pid, out var theirs))
        {
            _namespaces[pid] = theirs = source.NetnsOf(pid);
        }

        return theirs == 0 || theirs == netns; // -1: the process exited, and its sockets with it
    }

    private bool IsTcp(IFdTableSource source, long inode, int pid, int fd)
    {
        if (_isTcp.TryGetValue(inode, out var known))
        {
            return known;
        }

        var kind = source.KindOf(pid, fd, inode);
        switch (kind)
        {
            case SocketKind.Gone:
                return false; // closed since the walk: no port of it to carry; its table is walked again when it changed
            case SocketKind.Unknown:
                return true; // not ruled out, and read again next time
        }

        if (_isTcp.Count >= MaxKinds)
        {
            _isTcp.Clear();
        }

        return _isTcp[inode] = kind == SocketKind.Tcp;
    }
}
