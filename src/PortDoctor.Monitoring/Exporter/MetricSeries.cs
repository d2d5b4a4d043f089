using Prometheus;

namespace PortDoctor.Monitoring.Exporter;

/// <summary>
/// Sets a labelled gauge to exactly the given series: the ones not given this time are removed, so
/// a process that left the top N or a destination that emptied stops being exported instead of
/// keeping its last value.
/// </summary>
internal static class MetricSeries
{
    public static void Replace(Gauge gauge, IEnumerable<(string[] Labels, double Value)> series)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (labels, value) in series)
        {
            gauge.WithLabels(labels).Set(value);
            keep.Add(Key(labels));
        }

        foreach (var labels in gauge.GetAllLabelValues().ToList())
        {
            if (!keep.Contains(Key(labels)))
            {
                gauge.RemoveLabelled(labels);
            }
        }
    }

    private static string Key(string[] labels) => string.Join('\0', labels);
}
