namespace PortDoctor.Evidence;

/// <summary>
/// Files captured at one moment (a `collect` bundle's ss and /proc/net tables, netstat -ano beside
/// -anob) give one sample each of the same sockets: counted as a series they would look like
/// samples 0 s apart. Such samples are one: the one that names owners (then the larger) is kept.
/// </summary>
internal static class SameMomentSamples
{
    /// <summary>Samples of other files within this time of each other are the same moment (zip entry times have 2 s steps).</summary>
    public static readonly TimeSpan Moment = TimeSpan.FromSeconds(2);

    /// <summary>Collapses <paramref name="series"/> (in time order) in place; returns how many samples were dropped.</summary>
    public static int Collapse(List<SampleSummary> series)
    {
        var dropped = 0;
        for (var i = 1; i < series.Count; i++)
        {
            var (before, now) = (series[i - 1], series[i]);
            if (now.Time - before.Time > Moment || string.Equals(now.Source, before.Source, StringComparison.Ordinal))
            {
                continue;
            }

            series[i - 1] = Richer(before, now);
            series.RemoveAt(i--);
            dropped++;
        }

        return dropped;
    }

    private static SampleSummary Richer(SampleSummary a, SampleSummary b) =>
        (b.ByPid.Count > 0, b.Total).CompareTo((a.ByPid.Count > 0, a.Total)) > 0 ? b : a;
}
