namespace PortDoctor.Core.Trends;

/// <summary>
/// How one process's socket count moved across the samples of a periodic log: the first and last
/// sample it was seen in, its count there, and its peak. Growth = Last - First.
/// </summary>
public sealed record ProcessGrowth(int Pid, DateTimeOffset FirstTime, int First, DateTimeOffset LastTime, int Last, int Peak)
{
    public int Growth => Last - First;

    /// <summary>Sockets gained per hour between the first and last sample; 0 when both are at the same time.</summary>
    public double PerHour => (LastTime - FirstTime).TotalHours is > 0 and var hours ? Growth / hours : 0;

    /// <summary>Per PID across the series, largest growth first. A PID absent from a sample counts 0 there.</summary>
    public static IReadOnlyList<ProcessGrowth> Of(IReadOnlyList<SampleSummary> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            return [];
        }

        var first = series[0];
        var last = series[^1];
        var pids = series.SelectMany(s => s.ByPid.Keys).Distinct();
        return pids
            .Select(pid => new ProcessGrowth(
                pid,
                first.Time,
                first.ByPid.GetValueOrDefault(pid),
                last.Time,
                last.ByPid.GetValueOrDefault(pid),
                series.Max(s => s.ByPid.GetValueOrDefault(pid))))
            .OrderByDescending(g => g.Growth)
            .ThenBy(g => g.Pid)
            .ToList();
    }
}
