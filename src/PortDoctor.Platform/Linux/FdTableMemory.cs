using System.Runtime.InteropServices;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Socket owners remembered from one collection to the next, so that a sample walks only the fd
/// tables that changed: a process whose start time and fd count (<see cref="FdTableStamp"/>) are
/// what they were keeps its remembered socket inodes. A process can close one socket and open
/// another at the same count, so a listed inode that no table holds, and that no walk of every
/// table has found unowned before, sends the lookup to every table not walked yet, unless the kernel
/// says the socket is gone (closed since the dump: no table can hold it). Inodes are unique
/// host-wide, so one memory serves every network namespace. Pure over <see cref="IFdTableSource"/>.
/// </summary>
internal sealed class FdTableMemory
{
    /// <summary>Bounds the set of inodes known to have no owner (kernel sockets, sockets of hidden processes).</summary>
    public const int MaxKnownUnowned = 100_000;

    /// <summary>
    /// A changed table of a process that had at least this many fds is walked by its new fds first: its fd
    /// numbers listed (getdents), links read only for numbers it did not have. Under churn a busy server's
    /// 20,000-fd table changes every few samples by a connection or two: ~47 ms to read every link.
    /// </summary>
    public const int NewFdsOnlyFrom = 1024;

    /// <summary>More unlisted remembered sockets than this in one such table (unix sockets, say) walk it whole instead.</summary>
    public const int MaxReadAgain = 256;

    /// <summary>More new unowned inodes than this in one collection are looked for in the tables without asking the kernel first.</summary>
    public const int MaxClosedLookUps = 256;

    private readonly Dictionary<int, RememberedFdTable> _tables = [];
    private readonly InodeHolders _holders = new();
    private readonly HashSet<long> _knownUnowned = [];
    private readonly HashSet<long> _closedSinceDump = []; // this collection's: listed, and no longer there by the kernel's word
    private readonly HashSet<long> _saidClosed = [];      // every inode a lookup called closed (bounded): one listed again is not asked about again

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

        WalkAgain(source, refresh, walk, newFdsOnly: !full, cancellationToken);
        return refresh;
    }

    /// <summary>
    /// Walks these tables: with <paramref name="newFdsOnly"/>, a large one of the same process as remembered
    /// by its new fds only (<see cref="NewFdsOnlyFrom"/>), every other one whole.
    /// </summary>
    private void WalkAgain(IFdTableSource source, FdRefresh refresh, List<int> pids, bool newFdsOnly, CancellationToken cancellationToken)
    {
        var whole = new List<int>();
        foreach (var pid in pids)
        {
            if (newFdsOnly && _tables.TryGetValue(pid, out var known) && known.FdNumbers.Length >= NewFdsOnlyFrom &&
                refresh.Stamps.TryGetValue(pid, out var stamp) && stamp.Instance != 0 && stamp.Instance == known.Stamp.Instance)
            {
                AbsorbNew(source.WalkNew(pid, known.FdNumbers, cancellationToken), known, refresh);
            }
            else
            {
                whole.Add(pid);
            }
        }

        if (whole.Count > 0)
        {
            var pidSet = whole.ToHashSet();
            refresh.WalkedSocketFds.RemoveAll(fd => pidSet.Contains(fd.Pid)); // a walk earlier in this collection, replaced
            refresh.NewFdsOnly.RemoveWhere(pidSet.Contains);
            Absorb(source.Walk(whole, cancellationToken), whole, refresh);
        }
    }

    /// <summary>
    /// Second step, with the inodes the dump listed: the owners. New unowned inodes walk the tables
    /// not walked yet; inodes still unowned after every table was walked are remembered as such.
    /// </summary>
    /// <param name="closed">
    /// Of some listed inodes, those whose socket the kernel no longer has (closed since the dump); null: not known.
    /// Those are not looked for in every table: no table can hold them.
    /// </param>
    public (ProcFdScan Scan, SocketOwnership Ownership) Resolve(
        IFdTableSource source, FdRefresh refresh, IReadOnlySet<long> listed, DateTimeOffset now, CancellationToken cancellationToken,
        Func<IReadOnlyList<long>, IReadOnlySet<long>>? closed = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(refresh);
        ArgumentNullException.ThrowIfNull(listed);
        _closedSinceDump.Clear();
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
                WalkAgain(source, refresh, moved, newFdsOnly: true, cancellationToken);
                ownership = _holders.Join(listed, _ownership);
            }

            // A short connection listed by the dump and closed before its table was walked again is held by
            // no table: under churn that sent a walk of every table (~130 ms at 40,000 sockets) every 15-20
            // samples. The kernel is asked whether each such socket is still there; those it no longer has are
            // not looked for. One it said was closed and that is listed again is looked for as before.
            if (closed is not null && HasNewUnowned(ownership))
            {
                var ask = ownership.UnownedListed.Where(inode => !_knownUnowned.Contains(inode) && !_saidClosed.Contains(inode)).Take(MaxClosedLookUps + 1).ToList();
                if (ask.Count <= MaxClosedLookUps)
                {
                    _closedSinceDump.UnionWith(closed(ask));
                    if (_saidClosed.Count + _closedSinceDump.Count > MaxKnownUnowned)
                    {
                        _saidClosed.Clear(); // a lookup more for an inode listed again is the worst this costs
                    }

                    _saidClosed.UnionWith(_closedSinceDump);
                }
            }

            // A table walked by its new fds only may hide a socket at a number it had (closed and opened
            // again): first the numbers whose remembered socket the dump no longer lists, one link each,
            // then those tables whole, before every other one.
            if (refresh.NewFdsOnly.Count > 0 && HasNewUnowned(ownership) && ReadAgainUnlisted(source, refresh, listed))
            {
                ownership = _holders.Join(listed, _ownership);
            }

            if (refresh.NewFdsOnly.Count > 0 && HasNewUnowned(ownership))
            {
                WalkAgain(source, refresh, [.. refresh.NewFdsOnly], newFdsOnly: false, cancellationToken);
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

    /// <summary>
    /// A table walked by its new fds only: the remembered sockets at numbers it still has, and the sockets
    /// at new numbers; the counts of fds it has now.
    /// </summary>
    private void AbsorbNew(ProcFdScan walked, RememberedFdTable known, FdRefresh refresh)
    {
        var pid = known.Counts.Pid;
        refresh.Walked++;
        refresh.DeniedPids.AddRange(walked.DeniedPids);
        if (walked.Processes.Count == 0 || !walked.FdNumbers.TryGetValue(pid, out var numbers))
        {
            Forget(pid); // exited, or denied: nothing to remember
            return;
        }

        // The inode index changes by the sockets at numbers gone and those at new numbers only: a busy
        // server's table of 20,000 sockets changes by a few each sample, and is not taken out and put back whole.
        var inodes = new List<long>(known.SocketInodes.Length + walked.SocketFds.Count);
        var fds = new List<int>(inodes.Capacity);
        var gone = new List<long>();
        for (var i = 0; i < known.SocketInodes.Length; i++)
        {
            if (Array.BinarySearch(numbers, known.SocketFdNumbers[i]) >= 0)
            {
                inodes.Add(known.SocketInodes[i]);
                fds.Add(known.SocketFdNumbers[i]);
            }
            else
            {
                gone.Add(known.SocketInodes[i]);
            }
        }

        var kept = inodes.Count;
        foreach (var (inode, _, fd) in walked.SocketFds)
        {
            inodes.Add(inode);
            fds.Add(fd);
        }

        refresh.WalkedSocketFds.AddRange(walked.SocketFds);
        refresh.NewFdsOnly.Add(pid);
        var held = inodes.ToArray();
        _tables[pid] = new RememberedFdTable(refresh.Stamps[pid], new ProcessFdCounts(pid, walked.Processes[0].FdCount, held.Length), held, [.. fds], numbers);
        _holders.Remove(pid, CollectionsMarshal.AsSpan(gone));
        _holders.Add(pid, held.AsSpan(kept));
    }

    /// <summary>
    /// In the tables walked by their new fds only: the link of each fd whose remembered socket the dump no
    /// longer lists (at most <see cref="MaxReadAgain"/> a table), read again. Under churn that is where a
    /// connection closed since the last walk left its number to the next one. True when one changed.
    /// </summary>
    private bool ReadAgainUnlisted(IFdTableSource source, FdRefresh refresh, IReadOnlySet<long> listed)
    {
        var changed = false;
        foreach (var pid in refresh.NewFdsOnly)
        {
            var table = _tables[pid];
            var unlisted = Enumerable.Range(0, table.SocketInodes.Length).Where(i => !listed.Contains(table.SocketInodes[i])).Take(MaxReadAgain + 1).ToList();
            if (unlisted.Count is 0 or > MaxReadAgain)
            {
                continue;
            }

            var inodes = (long[])table.SocketInodes.Clone();
            foreach (var i in unlisted)
            {
                inodes[i] = source.SocketInodeAt(pid, table.SocketFdNumbers[i]); // 0: no socket there now
                if (inodes[i] > 0 && inodes[i] != table.SocketInodes[i])
                {
                    refresh.WalkedSocketFds.Add((inodes[i], pid, table.SocketFdNumbers[i]));
                }
            }

            if (inodes.SequenceEqual(table.SocketInodes))
            {
                continue;
            }

            var kept = Enumerable.Range(0, inodes.Length).Where(i => inodes[i] > 0).ToList();
            var held = kept.Select(i => inodes[i]).ToArray();
            Forget(pid);
            _tables[pid] = table with { Counts = table.Counts with { SocketCount = held.Length }, SocketInodes = held, SocketFdNumbers = [.. kept.Select(i => table.SocketFdNumbers[i])] };
            _holders.Add(pid, held);
            changed = true;
        }

        return changed;
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
            _tables[counts.Pid] = new RememberedFdTable(refresh.Stamps[counts.Pid], counts, held, fds, walked.FdNumbers.GetValueOrDefault(counts.Pid, []));
            _holders.Add(counts.Pid, held);
        }
    }

    /// <summary>
    /// The processes whose stamp changed since <see cref="Refresh"/> (and those started since), with their
    /// stamps now in <paramref name="refresh"/>: no longer taken as remembered.
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
            WalkAgain(source, refresh, [pid], newFdsOnly: false, cancellationToken);
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
            if (!_knownUnowned.Contains(inode) && !_closedSinceDump.Contains(inode))
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
