using ScottPlot;

namespace PortDoctor.Reporting.Charts;

/// <summary>Series drawn as filled layers one on top of the other (mean per pixel), first at the bottom.</summary>
internal static class StackedFill
{
    public static Plot Draw(Plot plot, IReadOnlyList<NamedSeries> layers, int buckets)
    {
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
}
