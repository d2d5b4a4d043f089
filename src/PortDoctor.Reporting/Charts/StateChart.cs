using ScottPlot;

namespace PortDoctor.Reporting.Charts;

/// <summary>Sockets (or ports) per state over time, one line each (mean per pixel), not stacked: TIME_WAIT often dwarfs the rest.</summary>
internal static class StateChart
{
    public static Plot Build(IReadOnlyList<NamedSeries> states, string unit, int buckets)
    {
        var plot = ChartStyle.NewPlot($"{ChartStyle.Capitalized(unit)} per state", unit);
        var shown = states.Where(s => s.Points.Count > 0).ToList();
        if (shown.Count == 0)
        {
            return ChartStyle.Empty(plot, "no per-state samples");
        }

        var grid = Downsampling.Means(shown, buckets);
        var xs = ChartStyle.X(grid.Times);
        double top = 0;
        for (int s = 0; s < shown.Count; s++)
        {
            var line = plot.Add.ScatterLine(xs, grid.Values[s]);
            line.Color = ChartStyle.SeriesColor(s);
            line.LineWidth = 2;
            line.LegendText = shown[s].Name;
            top = Math.Max(top, grid.Values[s].DefaultIfEmpty(0).Max());
        }

        plot.Axes.SetLimitsY(0, Math.Max(1, top * 1.1));
        plot.Axes.SetLimitsX(xs[0], xs.Length > 1 ? xs[^1] : xs[0] + (1.0 / 1440));
        ChartStyle.LegendUpperLeft(plot);
        return plot;
    }
}
