
namespace PortDoctor.Evidence;

/// <summary>Accumulates what the files of one read gave and builds the evidence set.</summary>
internal sealed class EvidenceMerge
{
    private readonly SeriesTrend _series = new();
    private readonly List<DynamicPortRange> _dynamic = [];
    private readonly List<ExcludedPortRange> _excluded = [];
    private readonly List<PortEvent> _events = [];
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];
    private readonly List<string> _rangeSources = [];
    private readonly HashSet<string> _socketFiles = new(StringComparer.Ordinal);
    private Func<Snapshot>? _latest;
    private DateTimeOffset _latestTime;
    private string? _latestSource;
    private OsKind _os;

    public List<SourceReport> Sources { get; } = [];

    /// <summary>
    /// Adds a sample; its snapshot is built only if it is still the latest when the set is built
    /// (a reader keeps the rows of its latest sample until then).
    /// </summary>
    public void AddSample(SampleSummary summary, Func<Snapshot> build, string path)
    {
        _series.Add(summary);
        _socketFiles.Add(path);
        if (_latest is null || summary.Time >= _latestTime)
        {
            (_latest, _latestTime, _latestSource) = (build, summary.Time, path);
        }
    }

    public void AddNote(string path, string note) => _notes.Add($"{Path.GetFileName(path)}: {note}");

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

        _dynamic.AddRange(collector.Dynamic);
        _excluded.AddRange(collector.Excluded);
        _events.AddRange(collector.Events);
        foreach (var (key, value) in collector.Settings)
        {
            _settings[key] = value;
        }

        foreach (var note in collector.Notes)
        {
            _notes.Add($"{Path.GetFileName(collector.Path)}: {note}");
        }
    }

    public EvidenceSet Build()
    {
        var notes = new List<string>(_notes);
        if (_socketFiles.Count > 1 && _latestSource is not null)
        {
            notes.Add($"{_socketFiles.Count} files gave sockets: the verdict uses the latest snapshot ({Path.GetFileName(_latestSource)})");
        }

        var ports = PortDefaults.Complete(_dynamic, _excluded, _settings, _os,
            _rangeSources.Count > 0 ? string.Join(", ", _rangeSources) : "assumed default", notes);
        var series = _series.Kept.ToList();
        series.Sort((a, b) => a.Time.CompareTo(b.Time));
        var latest = _latest?.Invoke() ?? new Snapshot { Time = _events.Count > 0 ? _events.Max(e => e.Time) : DateTimeOffset.UnixEpoch, Os = _os };
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
            SampleCount = _series.Count,
            Growth = _series.Growth(),
            Sources = Sources,
            HasSockets = _latest is not null,
        };
    }
}
