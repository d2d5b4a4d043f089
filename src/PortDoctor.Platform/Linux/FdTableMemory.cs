namespace PortDoctor.Platform.Linux;

/// <summary>
/// Socket owners remembered from one collection to the next, so that a sample walks only the fd
/// tables that changed: a process whose start time and fd count (<see cref="FdTableStamp"/>) are
/// what they were keeps its remembered socket inodes. A process can close one socket and open
/// another at the same count, so a listed inode that no table holds, and that no walk of every
/// table has found unowned before, sends the lookup to every table not walked yet. Inodes are
/// unique host-wide, so one memory serves every network namespace. Pure over <see cref="IFdTableSource"/>.
/// </summary>
internal sealed class FdTableMemory
{
    /// <summary>Bounds the set of inodes known to have no owner (kernel sockets, sockets of hidden processes).</summary>
    public const int MaxKnownUnowned = 100_000;

    private readonly Dictionary<int, RememberedFdTable> _tables = [];
    private readonly InodeHolders _holders = new();
    private readonly HashSet<long> _knownUnowned = [];

    /// <summary>The join's result, refilled by each collection: it is read only until the collection returns.</summary>
    private readonly SocketOwnership _ownership = new();

    /// <summary>When every fd table was last walked in one collection; null before the first.</summary>
    public DateTimeOffset? LastFullWalk { get; private set; }

    /// <summary>Collections since <see cref="LastFullWalk"/>.</summary>
    public int CollectionsSinceFullWalk { get; private set; }

    public int RememberedTables => _tables.Count;

    /// <summary>
    /// First step, while the socket dump runs: lists and stamps every process and walks those that
    /// changed (every one when <paramref name="full"/>).
    /// </summary>
    public FdRefresh Refresh(IFdTableSource source, bool full, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stamps = new Dictionary<int, FdTableStamp>();
        foreach (var stamp in source.ListProcesses(cancellationToken))
        {
            stamps[stamp.Pid] = stamp;
        }

        foreach (var gone in _tables.Keys.Where(pid => !stamps.ContainsKey(pid)).ToList())
        {
            Forget(gone);
        }

        var refresh = new FdRefresh(stamps);
        var walk = new List<int>();
        foreach (var stamp in stamps.Values)
        {
            if (!full && _tables.TryGetValue(stamp.Pid, out var known) && stamp.Unchanged(known.Stamp))
            {
                refresh.Reused.Add(stamp.Pid);
            }
            else
            {
                walk.Add(stamp.Pid);
            }
        }

        Absorb(source.Walk(walk, cancellationToken), walk, refresh);
        return refresh;
    }

    /// <summary>
    /// Second step, with the inodes the dump listed: the owners. New unowned inodes walk the tables
    /// not walked yet; inodes still unowned after every table was walked are remembered as such.
    /// </summary>
    public (ProcFdScan Scan, SocketOwnership Ownership) Resolve(
        IFdTableSource source, FdRefresh refresh, IReadOnlySet<long> listed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(refresh);
        ArgumentNullException.ThrowIfNull(listed);
        var ownership = _holders.Join(listed, _ownership);
        if (!refresh.EveryTableWalked && HasNewUnowned(ownership))
        {
            // A busy process opens sockets between the walk of its table and the dump: the tables that
            // changed since this collection stamped them are walked first, every other one only if that
            // leaves a new inode unowned (seen live: 267 short connections a second sent every 10th sample
            // or so through all 40,000 fds, 110-185 ms).
            var moved = Moved(source, refresh, cancellationToken);
            if (moved.Count > 0)
            {
                Absorb(source.Walk(moved, cancellationToken), moved, refresh);
                ownership = _holders.Join(listed, _ownership);
            }

            if (!refresh.EveryTableWalked && HasNewUnowned(ownership))
            {
                var rest = refresh.Reused.ToList();
                refresh.Reused.Clear();
                Absorb(source.Walk(rest, cancellationToken), rest, refresh);
                ownership = _holders.Join(listed, _ownership);
            }
        }

        var scan = Assemble(refresh);

        Learn(ownership, refresh.EveryTableWalked);
        if (refresh.EveryTableWalked)
        {
            LastFullWalk = now;
            CollectionsSinceFullWalk = 0;
        }
        else
        {
            CollectionsSinceFullWalk++;
        }

        return (scan, ownership);
    }

    private void Absorb(ProcFdScan walked, List<int> pids, FdRefresh refresh)
    {
        refresh.Walked += pids.Count;
        refresh.DeniedPids.AddRange(walked.DeniedPids);
        foreach (var pid in pids)
        {
            Forget(pid); // exited, or denied: nothing to remember
        }

        refresh.WalkedSocketFds.AddRange(walked.SocketFds);
        var inodes = new Dictionary<int, (List<long> Inodes, List<int> Fds)>();
        foreach (var (inode, pid, fd) in walked.SocketFds)
        {
            if (!inodes.TryGetValue(pid, out var lists))
            {
                inodes[pid] = lists = ([], []);
            }

            lists.Inodes.Add(inode);
            lists.Fds.Add(fd);
        }

        foreach (var counts in walked.Processes)
        {
            var (held, fds) = inodes.TryGetValue(counts.Pid, out var lists) ? (lists.Inodes.ToArray(), lists.Fds.ToArray()) : ([], []);
            _tables[counts.Pid] = new RememberedFdTable(refresh.Stamps[counts.Pid], counts, held, fds);
            _holders.Add(counts.Pid, held);
        }
    }

    /// <summary>
    /// The processes whose stamp changed since <see cref="Refresh"/> (and those started since), with their
    /// stamps now in <paramref name="refresh"/>: no longer taken as remembered, and a walk's socket fds
    /// from before dropped.
    /// </summary>
    private static List<int> Moved(IFdTableSource source, FdRefresh refresh, CancellationToken cancellationToken)
    {
        var moved = new List<int>();
        foreach (var stamp in source.ListProcesses(cancellationToken))
        {
            if (refresh.Stamps.TryGetValue(stamp.Pid, out var then) && stamp.Unchanged(then))
            {
                continue;
            }

            refresh.Stamps[stamp.Pid] = stamp;
            refresh.Reused.Remove(stamp.Pid);
            moved.Add(stamp.Pid);
        }

        if (moved.Count > 0)
        {
            var pids = moved.ToHashSet();
            refresh.WalkedSocketFds.RemoveAll(fd => pids.Contains(fd.Pid));
        }

        return moved;
    }

    /// <summary>
    /// Walks a table taken as remembered in this collection after all: its stamp hid a change (a socket
    /// closed and another opened at the same fd count, found by looking at one fd).
    /// </summary>
    public void Rewalk(IFdTableSource source, FdRefresh refresh, int pid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(refresh);
        if (refresh.Reused.Remove(pid))
        {
            Absorb(source.Walk([pid], cancellationToken), [pid], refresh);
        }
    }

    /// <summary>Whether a remembered table holds <paramref name="inode"/>.</summary>
    public bool IsHeld(long inode) => _holders.TryHolder(inode, out _);

    /// <summary>
    /// A process that holds <paramref name="inode"/> in its remembered table, and the fd it is at; false
    /// when none does. Searches that table: for a few sockets, not for every one.
    /// </summary>
    public bool TryFindFd(long inode, out int pid, out int fd)
    {
        fd = -1;
        if (!_holders.TryHolder(inode, out pid) || !_tables.TryGetValue(pid, out var table))
        {
            return false;
        }

        var at = Array.IndexOf(table.SocketInodes, inode);
        fd = at < 0 ? -1 : table.SocketFdNumbers[at];
        return at >= 0;
    }

    private void Forget(int pid)
    {
        if (_tables.Remove(pid, out var table))
        {
            _holders.Remove(pid, table.SocketInodes);
        }
    }

    /// <summary>
    /// The remembered tables' counts and the denied processes, in the form a full walk gives; without
    /// the socket fds, which <see cref="_holders"/> already joined.
    /// </summary>
    private ProcFdScan Assemble(FdRefresh refresh)
    {
        var scan = new ProcFdScan();
        foreach (var table in _tables.Values)
        {
            scan.Processes.Add(table.Counts);
        }

        scan.Processes.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        scan.DeniedPids.AddRange(refresh.DeniedPids.Distinct().Order());
        return scan;
    }

    private bool HasNewUnowned(SocketOwnership ownership)
    {
        foreach (var inode in ownership.UnownedListed)
        {
            if (!_knownUnowned.Contains(inode))
            {
                return true;
            }
        }

        return false;
    }

    private void Learn(SocketOwnership ownership, bool everyTableWalked)
    {
        _knownUnowned.RemoveWhere(ownership.Owners.ContainsKey);
        if (!everyTableWalked)
        {
            return;
        }

        if (_knownUnowned.Count > MaxKnownUnowned)
        {
            _knownUnowned.Clear(); // a full walk per sample for a while is the worst this costs
        }

        foreach (var inode in ownership.UnownedListed)
        {
            _knownUnowned.Add(inode);
        }
    }
}
