using Prometheus;

namespace PortDoctor.Monitoring.Exporter;

/// <summary>
/// Sets a labelled gauge to exactly the given series: the ones not given this time are removed, so
/// a process that left the top N or a destination that emptied stops being exported instead of
/// keeping its last value. A scope (leading label values, the namespace of `--all-netns`) confines
/// both to one exporter's series, so namespaces sharing a family leave each other's alone.
/// </summary>
internal static class MetricSeries
{
    public static void Replace(Gauge gauge, string[] scope, IEnumerable<(string[] Labels, double Value)> series)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (labels, value) in series)
        {
            string[] full = [.. scope, .. labels];
            gauge.WithLabels(full).Set(value);
            keep.Add(Key(full));
        }

        foreach (var labels in Under(gauge, scope))
        {
            if (!keep.Contains(Key(labels)))
            {
                gauge.RemoveLabelled(labels);
            }
        }
    }

    /// <summary>Removes every series under the scope (a namespace no longer exported).</summary>
    public static void Withdraw<TChild>(Collector<TChild> collector, string[] scope)
        where TChild : ChildBase
    {
        foreach (var labels in Under(collector, scope))
        {
            collector.RemoveLabelled(labels);
        }
    }

    private static List<string[]> Under<TChild>(Collector<TChild> collector, string[] scope)
        where TChild : ChildBase =>
        [.. collector.GetAllLabelValues().Where(labels => labels.AsSpan().StartsWith(scope))];

    private static string Key(string[] labels) => string.Join('\0', labels);
}
