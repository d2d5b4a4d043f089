namespace PortDoctor.Core.Trends;

/// <summary>
/// A time series folded as it is read, in memory that does not grow with its length: the
/// earliest and latest sample (per process counts for growth), each process's peak, and at most
/// <see cref="MaxKept"/> samples spread evenly over the series (every sample until then; past it,
/// every second one is dropped and the spacing doubles). A log of millions of one-row samples
/// costs the same as one of a thousand.
/// </summary>
public sealed class SeriesTrend
{
    /// <summary>Samples kept for <see cref="Kept"/>.</summary>
    public const int MaxKept = 1024;

    /// <summary>Processes followed for growth; more distinct PIDs than a host has are a damaged file, and the rest are not followed.</summary>
    public const int MaxProcesses = 100_000;

    private readonly Dictionary<int, int> _peak = [];
    private readonly List<SampleSummary> _kept = [];
    private long _spacing = 1;

    /// <summary>The count array whose PIDs were last folded into the peaks (shared arrays of one-row samples need it once).</summary>
    private SampleCount[]? _peaked;
    private Held _first;
    private Held _last;

    /// <summary>Samples added.</summary>
    public long Count { get; private set; }

    /// <summary>The sample with the earliest time (the first added among equals).</summary>
    public SampleSummary? First => _first.Summary();

    /// <summary>The sample with the latest time (the last added among equals).</summary>
    public SampleSummary? Last => _last.Summary();

    /// <summary>At most <see cref="MaxKept"/> samples, evenly spread in the order they were added.</summary>
    public IReadOnlyList<SampleSummary> Kept => _kept;

    public void Add(SampleSummary sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!_first.Any || sample.Time < _first.Time)
        {
            _first.Set(sample);
        }

        if (!_last.Any || sample.Time >= _last.Time)
        {
            _last.Set(sample);
        }

        _peaked = null;
        sample.ForEachPid(_peak, static (peaks, pid, count) => Peak(peaks, pid, count));

        if (Count++ % _spacing == 0)
        {
            Keep(sample);
        }
    }

    /// <summary>
    /// Adds a sample given as its counts (<see cref="SampleSummary.OfCounts(DateTimeOffset, string, SampleCounts)"/>
    /// of them): the same as adding that summary, but the summary is made only for a sample that is kept,
    /// or is the first or last when they are asked for. A log of millions of samples makes about a thousand.
    /// </summary>
    public void Add(DateTimeOffset time, string source, in SampleCounts counts)
    {
        if (Count % _spacing == 0)
        {
            // Kept: one summary for the list and for the first and last (the same object, as Add(summary) gives).
            Add(SampleSummary.OfCounts(time, source, counts));
            return;
        }

        if (!_first.Any || time < _first.Time)
        {
            _first.Set(time, source, counts);
        }

        if (!_last.Any || time >= _last.Time)
        {
            _last.Set(time, source, counts);
        }

        // The peaks only grow toward a PID's count: the same (unchanged) array folded again changes nothing.
        var array = counts.Counts;
        if (!ReferenceEquals(array, _peaked))
        {
            _peaked = array;
            foreach (var count in array.AsSpan(counts.PidsAt, counts.PairsAt - counts.PidsAt))
            {
                Peak(_peak, count.Pid, count.Count);
            }
        }

        Count++;
    }

    private static void Peak(Dictionary<int, int> peaks, int pid, int count)
    {
        ref var peak = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(peaks, pid);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref peak))
        {
            peak = Math.Max(peak, count);
        }
        else if (peaks.Count < MaxProcesses)
        {
            peaks[pid] = count;
        }
    }

    /// <summary>Per PID across the series, largest growth first. A PID absent from a sample counts 0 there.</summary>
    public IReadOnlyList<ProcessGrowth> Growth()
    {
        if (First is null || Last is null)
        {
            return [];
        }

        var (first, last) = (First, Last);
        return _peak
            .Select(p => new ProcessGrowth(p.Key, first.Time, first.ByPid.GetValueOrDefault(p.Key), last.Time, last.ByPid.GetValueOrDefault(p.Key), p.Value))
            .OrderByDescending(g => g.Growth)
            .ThenBy(g => g.Pid)
            .ToList();
    }

    private void Keep(SampleSummary sample)
    {
        if (_kept.Count == MaxKept)
        {
            // Every second kept sample goes, and from now on one in twice as many is kept.
            for (var i = 0; i < MaxKept / 2; i++)
            {
                _kept[i] = _kept[2 * i];
            }

            _kept.RemoveRange(MaxKept / 2, MaxKept / 2);
            _spacing *= 2;
            if ((Count - 1) % _spacing != 0)
            {
                return;
            }
        }

        _kept.Add(sample);
    }

    /// <summary>
    /// The first or last sample: a summary, or the counts it is made of when asked for (once). A sample
    /// added as counts is first and last at once only when it is the series' first, which is kept: its
    /// summary is then the kept one, set by <see cref="Add(SampleSummary)"/>.
    /// </summary>
    private struct Held
    {
        private SampleSummary? _summary;
        private string? _source;
        private SampleCounts _counts;

        public bool Any { get; private set; }

        public DateTimeOffset Time { get; private set; }

        public void Set(SampleSummary summary) =>
            (_summary, _source, _counts, Time, Any) = (summary, null, default, summary.Time, true);

        /// <summary>Set in place, a reference written only when it changes: the last sample is set for every sample of a log.</summary>
        public void Set(DateTimeOffset time, string source, in SampleCounts counts)
        {
            if (_summary is not null)
            {
                _summary = null;
            }

            if (!ReferenceEquals(_source, source))
            {
                _source = source;
            }

            (_counts, Time, Any) = (counts, time, true);
        }

        public SampleSummary? Summary() => _summary ??= Any ? SampleSummary.OfCounts(Time, _source!, _counts) : null;
    }
}
