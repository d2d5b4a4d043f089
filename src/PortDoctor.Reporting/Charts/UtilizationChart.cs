using ScottPlot;

namespace PortDoctor.Reporting.Charts;

/// <summary>
/// The headline pool's utilization (min/max per pixel, so spikes stay), the capacity at 100%, and
/// when there is a forecast: its fitted line to 100% and the band between the earliest and latest
/// moments the pool may be full, fanned out from the last sample.
/// </summary>
internal static class UtilizationChart
{
    private const int BandPoints = 64;

    public static Plot Build(ReportChartData data, int buckets)
    {
        var plot = ChartStyle.NewPlot($"Utilization: {data.PoolName}", "ports in use (%)");
        if (data.Utilization.Count == 0)
        {
            return ChartStyle.Empty(plot, "no samples");
        }

        var points = Downsampling.MinMax(data.Utilization, buckets);
        var line = plot.Add.ScatterLine(ChartStyle.X(points.Select(p => p.Time)), points.Select(p => p.Value).ToArray());
        line.Color = ChartStyle.UtilizationLine;
        line.LineWidth = 1.5f;
        line.LegendText = "utilization";

        var first = data.Utilization[0].Time;
        var last = data.Utilization[^1].Time;
        var end = last;
        if (data.Forecast is { IsDrawable: true } forecast)
        {
            end = AddForecast(plot, forecast, first, last);
        }

        var capacity = plot.Add.HorizontalLine(100, 1, ChartStyle.Capacity, LinePattern.Dashed);
        capacity.LegendText = "capacity (100%)";
        double pad = Math.Max((end - first).TotalDays * 0.01, 1.0 / 1440);
        plot.Axes.SetLimits(ChartStyle.X(first) - pad, ChartStyle.X(end) + pad, 0, 108);
        ChartStyle.LegendUpperLeft(plot);
        return plot;
    }

    /// <summary>Draws the forecast; returns where the time axis ends.</summary>
    private static DateTimeOffset AddForecast(Plot plot, ChartForecast forecast, DateTimeOffset first, DateTimeOffset last)
    {
        // A far ETA would squeeze the samples into a sliver: show at most as much future as past
        // (at least an hour); the ETA's numbers are in the text and tables either way.
        var horizon = Min(forecast.EtaHigh, last + Max(last - first, TimeSpan.FromHours(1)));
        if (horizon <= last)
        {
            horizon = last + TimeSpan.FromHours(1);
        }

        double anchor = Math.Clamp(forecast.PercentAt(last), 0, 100);
        var xs = new double[BandPoints];
        var low = new double[BandPoints];
        var high = new double[BandPoints];
        for (int i = 0; i < BandPoints; i++)
        {
            var t = last + ((horizon - last) * i / (BandPoints - 1));
            xs[i] = ChartStyle.X(t);
            high[i] = Reach(anchor, last, forecast.EtaLow, t);
            low[i] = Reach(anchor, last, forecast.EtaHigh, t);
        }

        var band = plot.Add.FillY(xs, low, high);
        band.FillColor = ChartStyle.ForecastBand;
        band.LineWidth = 0;
        band.LegendText = "forecast band";

        var lineEnd = Min(forecast.Eta, horizon);
        var fit = plot.Add.ScatterLine(
            new[] { ChartStyle.X(forecast.FitFrom), ChartStyle.X(lineEnd) },
            new[] { forecast.FitFromPercent, forecast.PercentAt(lineEnd) });
        fit.Color = ChartStyle.ForecastLine;
        fit.LineWidth = 2;
        fit.LinePattern = LinePattern.Dashed;
        fit.LegendText = "forecast";
        if (forecast.Eta <= horizon)
        {
            var eta = plot.Add.VerticalLine(ChartStyle.X(forecast.Eta), 1, ChartStyle.ForecastLine, LinePattern.Dotted);
            eta.LegendText = "ETA";
        }

        return horizon;
    }

    /// <summary>A straight line from <paramref name="anchor"/>% at <paramref name="from"/> to 100% at <paramref name="full"/>.</summary>
    private static double Reach(double anchor, DateTimeOffset from, DateTimeOffset full, DateTimeOffset t)
    {
        if (full <= from)
        {
            return 100;
        }

        return Math.Min(100, anchor + ((100 - anchor) * (t - from).TotalSeconds / (full - from).TotalSeconds));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
