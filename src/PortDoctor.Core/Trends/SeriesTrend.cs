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

    /// <summary>Samples added.</summary>
    public long Count { get; private set; }

    /// <summary>The sample with the earliest time (the first added among equals).</summary>
    public SampleSummary? First { get; private set; }

    /// <summary>The sample with the latest time (the last added among equals).</summary>
    public SampleSummary? Last { get; private set; }

    /// <summary>At most <see cref="MaxKept"/> samples, evenly spread in the order they were added.</summary>
    public IReadOnlyList<SampleSummary> Kept => _kept;

    public void Add(SampleSummary sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (First is null || sample.Time < First.Time)
        {
            First = sample;
        }

        if (Last is null || sample.Time >= Last.Time)
        {
            Last = sample;
        }

        sample.ForEachPid(_peak, static (peaks, pid, count) =>
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
        });

        if (Count++ % _spacing == 0)
        {
            Keep(sample);
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
}
