using System.Numerics;
using System.Runtime.CompilerServices;

namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// The rows of one netstat block (one sample of a periodic log) kept as numbers, with their counts
/// per state and per PID and state. Counting is all a sample needs; <see cref="Build"/> turns the
/// rows into sockets only for the block that is analysed. Reused from block to block.
/// </summary>
internal sealed class NetstatBlock
{
    private static readonly int StateCount = Enum.GetValues<SocketState>().Length;

    /// <summary>Counts of one-row samples a worker made, by PID and state (a worker's own: <see cref="CountOnly"/> stays pure).</summary>
    [ThreadStatic]
    private static OneRow[]? _oneRow;

    /// <summary>Blocks of at most this many rows are counted by <see cref="CountSmall"/>.</summary>
    private const int SmallBlock = 16;
    private readonly int[] _byState = new int[StateCount];
    // Grown by doubling as rows come (CopyRows): a one-row sample's block, or a short file's, stays small.
    private NetstatRow[] _rows = new NetstatRow[64];
    private int[] _pidKeys = new int[64];
    private int[] _pidCounts = new int[64 * StateCount];
    private readonly List<int> _slots = [];
    private SampleCount[] _pairs = new SampleCount[64];
    private ulong[] _used = new ulong[1];
    private int _pids;

    /// <summary>Counts a chunk worker made of this block's rows (<see cref="AddCounted"/>); the counters above are then unused.</summary>
    private BlockCount _counted;
    private bool _isCounted;

    public int Count { get; private set; }

    /// <summary>Rows that had a PID column (PID 0 included).</summary>
    public int RowsWithPid { get; private set; }

    /// <summary>Entries of rows the general path parsed (IPv6, host names, translated states).</summary>
    public List<SocketEntry> Entries { get; } = [];

    public Dictionary<int, ProcessInfo> Processes { get; } = [];

    public DateTimeOffset? Time { get; set; }

    /// <summary>Changes whenever the block is cleared: a snapshot promised from it checks it was not reused.</summary>
    public int Version { get; private set; }

    public void Clear()
    {
        Version++;
        Count = 0;
        RowsWithPid = 0;
        Entries.Clear();
        Processes.Clear();
        Time = null;
        if (!_isCounted)
        {
            // A counted block never touched the counters (rows added after it count them, and clear the flag).
            Array.Clear(_byState);
        }

        _isCounted = false;

        // Only the slots in use are cleared: a log of one-row samples clears a block per row.
        if (_pids > 0)
        {
            foreach (var slot in UsedSlots())
            {
                _pidKeys[slot] = 0;
                Array.Clear(_pidCounts, slot * StateCount, StateCount);
            }

            Array.Clear(_used);
        }

        _pids = 0;
    }

    public ref NetstatRow Last => ref _rows[Count - 1];

    public void Add(ReadOnlySpan<NetstatRow> rows)
    {
        if (_isCounted)
        {
            // More rows after a block a worker counted (a line after it that ended no block): counted here from now on.
            _isCounted = false;
            RowsWithPid = 0;
            CountRows(_rows.AsSpan(0, Count));
        }

        CopyRows(rows);
        CountRows(rows);
    }

    /// <summary>
    /// The rows of a whole block with the counts a chunk worker made of them (<see cref="CountOnly"/>):
    /// the rows are kept for <see cref="Build"/>, the counting is not done again.
    /// </summary>
    public void AddCounted(ReadOnlySpan<NetstatRow> rows, in BlockCount counted)
    {
        if (Count > 0 || _isCounted)
        {
            Add(rows);
            return;
        }

        CopyRows(rows);
        RowsWithPid = counted.RowsWithPid;
        (_counted, _isCounted) = (counted, true);
    }

    /// <summary>Pure, on a chunk worker: the counts of a block's rows; the block is left cleared.</summary>
    public BlockCount CountOnly(ReadOnlySpan<NetstatRow> rows, bool rowsAfterHeader)
    {
        if (rows.Length <= SmallBlock)
        {
            return CountSmall(rows, rowsAfterHeader);
        }

        CountRows(rows);
        var counted = new BlockCount(Counts(rows.Length), RowsWithPid, rowsAfterHeader);
        Clear();
        return counted;
    }

    /// <summary>
    /// A block of a few rows (a one-row sample) counted without the PID table: pairs grouped by PID
    /// in the order the PIDs came (the table lists them in slot order; no reader of a summary depends on
    /// the order, only on the grouping).
    /// </summary>
    private static BlockCount CountSmall(ReadOnlySpan<NetstatRow> rows, bool rowsAfterHeader)
    {
        if (rows.Length == 1)
        {
            // The counts are never changed, so samples of the same one socket share them: no array per sample.
            ref readonly var row = ref rows[0];
            var shared = _oneRow ??= new OneRow[256];
            ref var entry = ref shared[(int)(((uint)row.Pid * 31) + (uint)row.State) & (shared.Length - 1)];
            if (!entry.Made || entry.Pid != row.Pid || entry.State != row.State)
            {
                entry = new OneRow(row.Pid, row.State, SampleCounts.One(row.State, row.Pid), true);
            }

            return new BlockCount(entry.Counts, row.Flags & NetstatRow.HadPidFlag, rowsAfterHeader);
        }

        Span<int> byState = stackalloc int[StateCount];
        Span<SampleCount> pairs = stackalloc SampleCount[SmallBlock];
        var (pairCount, withPid) = (0, 0);
        foreach (ref readonly var row in rows)
        {
            byState[(int)row.State]++;
            withPid += row.Flags & NetstatRow.HadPidFlag;
            if (row.Pid == 0)
            {
                continue;
            }

            // After the PID's last pair (or at the end): its pairs stay together.
            var at = pairCount;
            var found = false;
            for (var i = 0; i < pairCount; i++)
            {
                if (pairs[i].Pid == row.Pid)
                {
                    at = i + 1;
                    if (pairs[i].State == row.State)
                    {
                        pairs[i] = pairs[i] with { Count = pairs[i].Count + 1 };
                        found = true;
                        break;
                    }
                }
            }

            if (!found)
            {
                pairs[at..pairCount].CopyTo(pairs[(at + 1)..]);
                pairs[at] = new SampleCount(row.Pid, row.State, 1);
                pairCount++;
            }
        }

        return new BlockCount(SampleSummary.Count(rows.Length, byState, pairs[..pairCount]), withPid, rowsAfterHeader);
    }

    private void CopyRows(ReadOnlySpan<NetstatRow> rows)
    {
        if (Count + rows.Length > _rows.Length)
        {
            // Powers of two: a chunk's hundreds of rows at once do not make every later size odd and up to twice too large.
            Array.Resize(ref _rows, (int)Math.Min(Array.MaxLength, BitOperations.RoundUpToPowerOf2((uint)Math.Max(Count + rows.Length, _rows.Length * 2))));
        }

        rows.CopyTo(_rows.AsSpan(Count));
        Count += rows.Length;
    }

    private void CountRows(ReadOnlySpan<NetstatRow> rows)
    {
        foreach (ref readonly var row in rows)
        {
            _byState[(int)row.State]++;
            RowsWithPid += row.Flags & NetstatRow.HadPidFlag;
            if (row.Pid != 0)
            {
                // The slot first: finding it may grow the counters, and `_pidCounts[Slot(..)]` would
                // count into the array read before the growth (a lost row, or past its end).
                var slot = Slot(row.Pid);
                _pidCounts[(slot * StateCount) + (int)row.State]++;
            }
        }
    }

    public int CountOf(SocketState state) => _isCounted ? _counted.Counts.CountOf(state) : _byState[(int)state];

    /// <summary>The counts of this block as a sample of the series (one count array, however many rows; none for a counted block).</summary>
    public SampleCounts Counts() => _isCounted ? _counted.Counts : Counts(Count);

    private SampleCounts Counts(int total)
    {
        var pairs = 0;
        foreach (var slot in UsedSlots())
        {
            var pid = _pidKeys[slot];
            for (var s = 0; s < StateCount; s++)
            {
                var count = _pidCounts[(slot * StateCount) + s];
                if (count > 0)
                {
                    if (pairs == _pairs.Length)
                    {
                        Array.Resize(ref _pairs, pairs * 2);
                    }

                    _pairs[pairs++] = new SampleCount(pid, (SocketState)s, count);
                }
            }
        }

        return SampleSummary.Count(total, _byState, _pairs.AsSpan(0, pairs));
    }

    /// <summary>The exe names a row's <see cref="NetstatRow.Name"/> indexes (the reader's list, which only grows).</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Builds this block's snapshot later, if the block has not been reused by then.</summary>
    public SnapshotPromise Promise(DateTimeOffset time) => new(this, Version, time);

    /// <summary>The snapshot promised at <paramref name="version"/>, if the block has not been reused since.</summary>
    public Snapshot Build(int version, DateTimeOffset time) => Version == version
        ? Build(time, Names)
        : throw new InvalidOperationException("a netstat block was reused before its snapshot was built");

    /// <summary>The block as a snapshot: every row becomes a socket, with its exe name when -b or a pasted tasklist gave one.</summary>
    public Snapshot Build(DateTimeOffset time, IReadOnlyList<string> names)
    {
        var addresses = new Dictionary<uint, string>();
        string Text(uint address)
        {
            if (!addresses.TryGetValue(address, out var text))
            {
                text = NetstatRowParser.AddressText(address);
                addresses[address] = text;
            }

            return text;
        }

        var sockets = new List<SocketEntry>(Count);
        for (var i = 0; i < Count; i++)
        {
            ref readonly var row = ref _rows[i];
            // The -b exe under the row, else the name a pasted tasklist gave its PID.
            var name = row.Name >= 0 ? names[row.Name] : row.Pid != 0 && Processes.TryGetValue(row.Pid, out var process) ? process.Name : null;
            if (row.Entry >= 0)
            {
                var entry = Entries[row.Entry];
                sockets.Add(name is null ? entry : entry with { ProcessName = name });
                continue;
            }

            var remote = (row.Flags & NetstatRow.RemoteAnyFlag) != 0 ? new Endpoint("*", 0) : new Endpoint(Text(row.RemoteAddress), row.RemotePort);
            sockets.Add(new SocketEntry(row.Protocol, IpFamily.IPv4, row.State, new Endpoint(Text(row.LocalAddress), row.LocalPort), remote)
            {
                Pid = row.Pid == 0 ? null : row.Pid,
                ProcessName = name,
            });
        }

        return new Snapshot { Time = time, Os = OsKind.Windows, Sockets = sockets, Processes = new Dictionary<int, ProcessInfo>(Processes) };
    }

    /// <summary>The counter slot of a PID: found at its home slot in one step, else by <see cref="Probe"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(int pid)
    {
        var home = (int)((uint)pid * 0x9E3779B1u >> 8) & (_pidKeys.Length - 1);
        return _pidKeys[home] == pid ? home : Probe(pid);
    }

    /// <summary>The counter slot of a PID (open addressing; a log has a few hundred PIDs at most per block).</summary>
    private int Probe(int pid)
    {
        var mask = _pidKeys.Length - 1;
        var slot = (int)((uint)pid * 0x9E3779B1u >> 8) & mask;
        while (true)
        {
            var key = _pidKeys[slot];
            if (key == pid)
            {
                return slot;
            }

            if (key == 0)
            {
                if ((_pids + 1) * 2 > _pidKeys.Length)
                {
                    Grow();
                    return Probe(pid);
                }

                _pidKeys[slot] = pid;
                _used[slot >> 6] |= 1UL << slot;
                _pids++;
                return slot;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The slots holding a PID, in slot order (the order a scan of every slot visits them).</summary>
    private List<int> UsedSlots()
    {
        _slots.Clear();
        for (var word = 0; word < _used.Length; word++)
        {
            for (var bits = _used[word]; bits != 0; bits &= bits - 1)
            {
                _slots.Add((word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits));
            }
        }

        return _slots;
    }

    private void Grow()
    {
        var (keys, counts) = (_pidKeys, _pidCounts);
        _pidKeys = new int[keys.Length * 2];
        _pidCounts = new int[_pidKeys.Length * StateCount];
        _used = new ulong[_pidKeys.Length >> 6];
        _pids = 0;
        for (var old = 0; old < keys.Length; old++)
        {
            if (keys[old] != 0)
            {
                var slot = Slot(keys[old]);
                Array.Copy(counts, old * StateCount, _pidCounts, slot * StateCount, StateCount);
            }
        }
    }

    /// <summary>A one-row sample's counts, with the socket (PID and state) they count: the key checked before the counts are shared.</summary>
    private readonly record struct OneRow(int Pid, SocketState State, SampleCounts Counts, bool Made);
}
