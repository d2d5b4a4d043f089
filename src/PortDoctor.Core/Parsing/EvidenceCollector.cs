using PortDoctor.Core.Model;

namespace PortDoctor.Core.Parsing;

/// <summary>
/// What one file yields, as a format reader finds it: snapshots (handed on as each completes, so a
/// log of any length needs memory for one block only), port ranges, exclusions, events, notes and
/// unreadable line numbers. One per file; not thread-safe.
/// </summary>
public sealed class EvidenceCollector
{
    private const int MaxListedLines = 20;
    private readonly Action<Snapshot> _onSnapshot;
    private readonly List<long> _unreadable = [];
    private readonly List<string> _notes = [];
    private List<SocketEntry> _sockets = [];
    private Dictionary<int, ProcessInfo> _processes = [];
    private DateTimeOffset? _time;
    private bool _open;

    public EvidenceCollector(string path, DateTimeOffset fileTime, Action<Snapshot> onSnapshot)
    {
        Path = path;
        FileTime = fileTime;
        _onSnapshot = onSnapshot;
    }

    public string Path { get; }

    /// <summary>Time used for a snapshot when the file states none (the file's modification time).</summary>
    public DateTimeOffset FileTime { get; }

    public OsKind Os { get; set; }

    public List<DynamicPortRange> Dynamic { get; } = [];

    public List<ExcludedPortRange> Excluded { get; } = [];

    public List<PortEvent> Events { get; } = [];

    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Notes => _notes;

    public long UnreadableCount { get; private set; }

    /// <summary>The first unreadable line numbers (at most 20: a broken 10 GB file must not fill memory).</summary>
    public IReadOnlyList<long> UnreadableLines => _unreadable;

    public int SnapshotCount { get; private set; }

    public long SocketCount { get; private set; }

    public bool UsedFileTime { get; private set; }

    public void Note(string note)
    {
        if (!_notes.Contains(note))
        {
            _notes.Add(note);
        }
    }

    public void Unreadable(long line)
    {
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
        if (!_processes.TryGetValue(process.Pid, out var known) || known.Name.Length == 0)
        {
            _processes[process.Pid] = process;
        }
        else if (process.Services.Count > 0)
        {
            _processes[process.Pid] = known with { Services = [.. known.Services.Union(process.Services, StringComparer.Ordinal)] };
        }
    }

    /// <summary>Completes the open snapshot, if any, and hands it on.</summary>
    public void EndSnapshot()
    {
        if (!_open)
        {
            return;
        }

        _open = false;
        if (_time is null)
        {
            UsedFileTime = true;
        }

        var snapshot = new Snapshot
        {
            Time = _time ?? FileTime,
            Os = Os,
            Sockets = _sockets,
            Processes = _processes,
        };
        SnapshotCount++;
        SocketCount += _sockets.Count;
        _sockets = [];
        _processes = [];
        _time = null;
        _onSnapshot(snapshot);
    }
}
