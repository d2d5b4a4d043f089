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

        var grid = Downsampling.Means(layers, buckets);
        var xs = ChartStyle.X(grid.Times);
        var below = new double[xs.Length];
        double top = 0;
        for (int s = 0; s < layers.Count; s++)
        {
            var above = below.Zip(grid.Values[s], (b, v) => b + v).ToArray();
            var fill = plot.Add.FillY(xs, below, above);
            fill.FillColor = ChartStyle.SeriesColor(s).WithAlpha(0.75);
            fill.LineColor = ChartStyle.SeriesColor(s);
            fill.LineWidth = 1;
            fill.LegendText = layers[s].Name;
            top = Math.Max(top, above.DefaultIfEmpty(0).Max());
            below = above;
        }

        plot.Axes.SetLimitsY(0, Math.Max(1, top * 1.1));
        plot.Axes.SetLimitsX(xs[0], xs.Length > 1 ? xs[^1] : xs[0] + (1.0 / 1440));
        ChartStyle.LegendUpperLeft(plot);
        return plot;
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
