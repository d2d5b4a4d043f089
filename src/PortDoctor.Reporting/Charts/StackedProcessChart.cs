using ScottPlot;

namespace PortDoctor.Reporting.Charts;

/// <summary>
/// The top processes' owned ports stacked over time (mean per pixel): the largest
/// <see cref="Shown"/> by peak, the rest added up as one "other" layer.
/// </summary>
internal static class StackedProcessChart
{
    public const int Shown = 6;

    public static Plot Build(IReadOnlyList<NamedSeries> processes, int buckets)
    {
        var plot = ChartStyle.NewPlot("Top processes' ports (stacked)", "ports");
        var layers = Layers(processes);
        if (layers.Count == 0)
        {
            return ChartStyle.Empty(plot, "no per-process samples");
        }

        return StackedFill.Draw(plot, layers, buckets);
    }

    /// <summary>The series to stack, largest peak first, with the rest summed into one.</summary>
    internal static List<NamedSeries> Layers(IReadOnlyList<NamedSeries> processes)
    {
        var ranked = processes.Where(p => p.Points.Count > 0)
            .OrderByDescending(p => p.Points.Max(x => x.Value))
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        if (ranked.Count <= Shown + 1)
        {
            return ranked;
        }

        var rest = ranked.Skip(Shown).ToList();
        var summed = rest.SelectMany(p => p.Points)
            .GroupBy(p => p.Time)
            .Select(g => new ChartPoint(g.Key, g.Sum(p => p.Value)))
            .OrderBy(p => p.Time)
            .ToList();
        return [.. ranked.Take(Shown), new NamedSeries($"other ({rest.Count} processes)", summed)];
    }
}
