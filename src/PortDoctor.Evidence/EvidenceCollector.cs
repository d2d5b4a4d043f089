namespace PortDoctor.Evidence;

/// <summary>
/// What one file yields, as a format reader finds it: samples (handed on as each completes, as counts
/// plus a way to build the full snapshot, so a log of any length needs memory for one block only),
/// port ranges, exclusions, events, notes and unreadable line numbers. One per file; not thread-safe.
/// </summary>
public sealed class EvidenceCollector
{
    private const int MaxListedLines = 20;
    private readonly Action<SampleSummary, SnapshotPromise> _onSample;
    private readonly EvidenceMerge? _merge;
    private readonly List<long> _unreadable = [];
    private readonly List<Note> _notes = [];
    private List<SocketEntry> _sockets = [];
    private List<SocketCount> _counted = [];
    private Dictionary<int, ProcessInfo> _processes = [];
    private DateTimeOffset? _time;
    private bool _open;
    private long _lastUnreadable = -1;

    /// <summary>
    /// <paramref name="onSample"/> gets each sample's counts and a function that builds its snapshot;
    /// the function is only valid until the reader's next sample (a reader may reuse its rows).
    /// </summary>
    public EvidenceCollector(string path, DateTimeOffset fileTime, Action<SampleSummary, Func<Snapshot>> onSample)
        : this(path, fileTime, (summary, promise) => onSample(summary, promise.AsFunc()))
    {
    }

    /// <summary>
    /// As above; with <paramref name="merge"/>, a sample a reader counted itself (<see cref="AddSample"/>)
    /// goes to it as counts, with no summary made and no <paramref name="onSample"/> call (for a read
    /// that wants nothing per sample but the merge).
    /// </summary>
    internal EvidenceCollector(string path, DateTimeOffset fileTime, Action<SampleSummary, SnapshotPromise> onSample, EvidenceMerge? merge = null)
    {
        Path = path;
        FileTime = fileTime;
        _onSample = onSample;
        _merge = merge;
    }

    public string Path { get; }

    /// <summary>Time used for a snapshot when the file states none (the file's modification time).</summary>
    public DateTimeOffset FileTime { get; }

    public OsKind Os { get; set; }

    public List<DynamicPortRange> Dynamic { get; } = [];

    public List<ExcludedPortRange> Excluded { get; } = [];

    public List<PortEvent> Events { get; } = [];

    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Processes from a process list (Get-Process, tasklist): names and handle counts by PID. They
    /// are no sample: the merge adds them to the socket snapshot instead of letting them replace it.
    /// </summary>
    public List<ProcessInfo> ListedProcesses { get; } = [];

    public IReadOnlyList<Note> Notes => _notes;

    public long UnreadableCount { get; private set; }

    /// <summary>The first unreadable line numbers (at most 20: a broken 10 GB file must not fill memory).</summary>
    public IReadOnlyList<long> UnreadableLines => _unreadable;

    public int SnapshotCount { get; private set; }

    public long SocketCount { get; private set; }

    public bool UsedFileTime { get; private set; }

    public void Note(Note note)
    {
        if (!_notes.Contains(note))
        {
            _notes.Add(note);
        }
    }

    public void Unreadable(long line)
    {
        // The pieces of a line cut for its length share its number: one unreadable line.
        if (line == _lastUnreadable)
        {
            return;
        }

        _lastUnreadable = line;
        UnreadableCount++;
        if (_unreadable.Count < MaxListedLines)
        {
            _unreadable.Add(line);
        }
    }

    /// <summary>Starts a snapshot at the given time (null: the file's time), completing any open one.</summary>
    public void BeginSnapshot(DateTimeOffset? time)
    {
        EndSnapshot();
        _time = time;
        _open = true;
    }

    public void AddSocket(SocketEntry socket)
    {
        RowsRead++;
        _open = true;
        _sockets.Add(socket);
    }

    /// <summary>Adds sockets known only as a count (kept as one count, however large).</summary>
    public void AddCount(SocketCount counted)
    {
        ArgumentNullException.ThrowIfNull(counted);
        RowsRead += counted.Count;
        _open = true;
        _counted.Add(counted);
    }

    /// <summary>Sockets added so far, and how many of them came with an owner from their row.</summary>
    public long RowsRead { get; private set; }

    public long RowsWithOwner { get; private set; }

    /// <summary>Adds a socket with the owner its row named (null: none), and that owner as a process.</summary>
    public void AddSocket(SocketEntry socket, (int Pid, string Name)? owner)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (owner is not { } known)
        {
            AddSocket(socket);
            return;
        }

        RowsWithOwner++;
        AddSocket(socket with { Pid = known.Pid, ProcessName = known.Name });
        AddProcess(new ProcessInfo(known.Pid, known.Name));
    }

    public void AddProcess(ProcessInfo process)
    {
        _open = true;
        AddProcess(_processes, process);
    }

    /// <summary>Adds a process to a snapshot's table: a name, once known, stays; services accumulate.</summary>
    internal static void AddProcess(Dictionary<int, ProcessInfo> processes, ProcessInfo process)
    {
        if (!processes.TryGetValue(process.Pid, out var known) || known.Name.Length == 0)
        {
            processes[process.Pid] = process;
        }
        else if (process.Services.Count > 0)
        {
            processes[process.Pid] = known with { Services = [.. known.Services.Union(process.Services, StringComparer.Ordinal)] };
        }
    }

    /// <summary>
    /// The file ends inside a line (no line ending after its last byte, though it has line endings):
    /// cut short, e.g. copied while a loop was still writing it. Set before the file is read.
    /// </summary>
    internal bool EndsInsideLine { get; set; }

    /// <summary>
    /// Completes the last snapshot of the file (a reader's Finish). When the file ends inside a line
    /// and snapshots before it were complete, the last one was cut short: it is left out with a note,
    /// not handed on as a sample with fewer sockets (a wrong verdict and a false drop in the series).
    /// </summary>
    public void EndLastSnapshot()
    {
        if (_open && LeavesOutLastSample(_time))
        {
            _open = false;
            (_sockets, _counted, _processes, _time) = ([], [], [], null);
            return;
        }

        EndSnapshot();
    }

    /// <summary>
    /// True when the file's last sample (open, at <paramref name="time"/>) must be left out because the
    /// file ends inside a line and earlier samples were complete; the note says which. A file whose
    /// only sample is cut keeps it, with a note that its last line may be incomplete.
    /// </summary>
    internal bool LeavesOutLastSample(DateTimeOffset? time)
    {
        if (!EndsInsideLine)
        {
            return false;
        }

        var leaveOut = SnapshotCount > 0;
        Note(leaveOut ? new Note(NoteKind.LastSampleCut) { From = time } : new Note(NoteKind.EndsInsideLine));
        EndsInsideLine = false;
        return leaveOut;
    }

    /// <summary>Completes the open snapshot, if any, and hands it on.</summary>
    public void EndSnapshot()
    {
        if (!_open)
        {
            return;
        }

        _open = false;
        var snapshot = new Snapshot
        {
            Time = ResolveTime(_time),
            Os = Os,
            Sockets = _sockets,
            CountedSockets = _counted,
            Processes = _processes,
        };
        _sockets = [];
        _counted = [];
        _processes = [];
        _time = null;
        SnapshotCount++;
        var summary = SampleSummary.Of(snapshot, Path);
        SocketCount += summary.Total;
        _onSample(summary, new SnapshotPromise(() => snapshot));
    }

    /// <summary>
    /// Hands on a sample a reader counted itself (at <see cref="ResolveTime"/>), with the function
    /// that builds its snapshot when it is wanted (it is valid until the reader's next sample).
    /// </summary>
    internal void AddSample(DateTimeOffset time, in SampleCounts counts, SnapshotPromise build)
    {
        SnapshotCount++;
        SocketCount += counts.Total;
        RowsRead += counts.Total;
        if (_merge is not null)
        {
            _merge.AddSample(time, counts, build, Path);
            return;
        }

        _onSample(SampleSummary.OfCounts(time, Path, counts), build);
    }

    /// <summary>A sample's time: its own, else the file's.</summary>
    internal DateTimeOffset ResolveTime(DateTimeOffset? time)
    {
        UsedFileTime |= time is null;
        return time ?? FileTime;
    }
}
