using System.Globalization;

namespace PortDoctor.Evidence;

/// <summary>Accumulates what the files of one read gave and builds the evidence set.</summary>
internal sealed class EvidenceMerge
{
    private readonly SeriesTrend _series = new();
    private readonly List<DynamicPortRange> _dynamic = [];
    private readonly List<ExcludedPortRange> _excluded = [];
    private readonly List<PortEvent> _events = [];
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
    private readonly List<Note> _notes = [];
    private readonly List<string> _rangeSources = [];
    private readonly Dictionary<string, (SnapshotPromise Build, DateTimeOffset Time)> _lastOfFile = new(StringComparer.Ordinal);
    private readonly List<(string File, List<ProcessInfo> Processes)> _listed = [];
    private string? _samplingPath;
    private (SnapshotPromise Build, DateTimeOffset Time) _samplingLast;
    private long _socketRows;
    private SnapshotPromise _latest;
    private DateTimeOffset _latestTime;
    private string? _latestSource;
    private OsKind _os;

    public List<SourceReport> Sources { get; } = [];

    /// <summary>
    /// Adds a sample; its snapshot is built only if it is still the latest when the set is built
    /// (a reader keeps the rows of its latest sample until then).
    /// </summary>
    public void AddSample(SampleSummary summary, SnapshotPromise build, string path)
    {
        _series.Add(summary);
        Added(summary.Time, summary.Total, build, path);
    }

    /// <summary>
    /// Adds a sample a reader counted itself, as <see cref="AddSample(SampleSummary, SnapshotPromise, string)"/>
    /// adds its summary: no summary is made for a sample the series does not keep.
    /// </summary>
    public void AddSample(DateTimeOffset time, in SampleCounts counts, SnapshotPromise build, string path)
    {
        _series.Add(time, path, counts);
        Added(time, counts.Total, build, path);
    }

    private void Added(DateTimeOffset time, int total, SnapshotPromise build, string path)
    {
        _socketRows += total;
        if (!ReferenceEquals(path, _samplingPath))
        {
            // One dictionary write per file, not per sample: a log has millions of samples.
            FlushLastOfFile();
            _samplingPath = path;
        }

        _samplingLast = (build, time);
        if (_latest.IsEmpty || time >= _latestTime)
        {
            (_latest, _latestTime) = (build, time);
            if (!ReferenceEquals(_latestSource, path))
            {
                _latestSource = path;
            }
        }
    }

    private void FlushLastOfFile()
    {
        if (_samplingPath is not null)
        {
            _lastOfFile[_samplingPath] = _samplingLast;
            _samplingPath = null;
        }
    }

    public void AddNote(string path, Note note) => _notes.Add(note with { File = Path.GetFileName(path) });

    public void Add(EvidenceCollector collector)
    {
        if (collector.Os != OsKind.Unknown && (_os == OsKind.Unknown || collector.SnapshotCount > 0))
        {
            _os = collector.Os;
        }

        if (collector.Dynamic.Count > 0 || collector.Excluded.Count > 0)
        {
            _rangeSources.Add(Path.GetFileName(collector.Path));
        }

        if (collector.ListedProcesses.Count > 0)
        {
            _listed.Add((Path.GetFileName(collector.Path), collector.ListedProcesses));
        }

        _dynamic.AddRange(collector.Dynamic);
        _excluded.AddRange(collector.Excluded);
        _events.AddRange(collector.Events);
        foreach (var (key, value) in collector.Settings)
        {
            _settings[key] = value;
        }

        foreach (var note in collector.Notes)
        {
            _notes.Add(note with { File = Path.GetFileName(collector.Path) });
        }
    }

    public EvidenceSet Build()
    {
        FlushLastOfFile();
        var notes = new List<Note>(_notes);

        var ports = PortDefaults.Complete(_dynamic, _excluded, _settings, _os,
            _rangeSources.Count > 0 ? string.Join(", ", _rangeSources) : "assumed default", notes);
        var series = _series.Kept.ToList();
        series.Sort((a, b) => a.Time.CompareTo(b.Time));
        var collapsed = SameMomentSamples.Collapse(series);
        var latest = !_latest.IsEmpty ? _latest.Build() : new Snapshot { Time = _events.Count > 0 ? _events.Max(e => e.Time) : DateTimeOffset.UnixEpoch, Os = _os };
        latest = WithListedProcesses(Complemented(latest, notes), notes);
        return new EvidenceSet
        {
            Latest = latest with
            {
                Os = latest.Os == OsKind.Unknown ? _os : latest.Os,
                Ports = ports,
                Events = [.. _events.OrderBy(e => e.Time)],
                Notes = notes,
                Sources = [.. Sources.Select(s => s.Contribution)],
            },
            Series = series,
            SampleCount = _series.Count - collapsed,
            Growth = _series.Growth(),
            Sources = Sources,
            HasSockets = _socketRows > 0,
        };
    }

    /// <summary>The latest snapshot with what the other socket files' last samples of the same moment add (see <see cref="SnapshotComplement"/>).</summary>
    private Snapshot Complemented(Snapshot latest, List<Note> notes)
    {
        if (_lastOfFile.Count < 2 || _latestSource is null)
        {
            return latest;
        }

        var unused = new List<string>();
        foreach (var (path, (build, time)) in _lastOfFile)
        {
            if (path == _latestSource)
            {
                continue;
            }

            var name = Path.GetFileName(path);
            if (_latestTime - time > SnapshotComplement.Window)
            {
                unused.Add(name);
                continue;
            }

            latest = SnapshotComplement.With(latest, build.Build(), out var bound, out var named);
            if (bound + named == 0)
            {
                unused.Add(name);
                continue;
            }

            notes.Add(new Note(NoteKind.SocketsMergedFromFile)
            {
                Name = name,
                Names = [Path.GetFileName(_latestSource)],
                Numbers = new Dictionary<string, long>(StringComparer.Ordinal) { ["bound"] = bound, ["named"] = named, ["windowMinutes"] = (long)SnapshotComplement.Window.TotalMinutes },
            });
        }

        if (unused.Count > 0)
        {
            notes.Add(new Note(NoteKind.LatestSnapshotUsed) { Count = _lastOfFile.Count, Name = Path.GetFileName(_latestSource), Names = unused });
        }

        return latest;
    }

    /// <summary>Process lists (Get-Process, tasklist) name PIDs and give handle counts: added to the snapshot, never a snapshot themselves.</summary>
    private Snapshot WithListedProcesses(Snapshot latest, List<Note> notes)
    {
        foreach (var (file, listed) in _listed)
        {
            var processes = SnapshotComplement.WithProcesses(latest.Processes, listed, out var named, out var handleCounts);
            latest = latest with { Processes = processes, Sockets = SnapshotComplement.Named(latest.Sockets, processes) };
            var owners = latest.Sockets.Where(s => s.Pid is not null).Select(s => s.Pid!.Value).ToHashSet();
            var matched = listed.Count(p => owners.Contains(p.Pid));
            notes.Add(new Note(NoteKind.ProcessListMerged)
            {
                File = file,
                Count = listed.Count,
                Numbers = new Dictionary<string, long>(StringComparer.Ordinal) { ["named"] = named, ["handleCounts"] = handleCounts, ["owningSockets"] = matched },
            });
        }

        return latest;
    }
}
