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

    /// <summary>Per PID across the series (in time order), largest growth first. A PID absent from a sample counts 0 there.</summary>
    public static IReadOnlyList<ProcessGrowth> Of(IReadOnlyList<SampleSummary> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var trend = new SeriesTrend();
        foreach (var sample in series)
        {
            trend.Add(sample);
        }

        return trend.Growth();
    }
}
