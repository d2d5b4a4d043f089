using System.Text;
using PortDoctor.Reporting.Charts;

namespace PortDoctor.Reporting.Html;

/// <summary>The chart sections: each chart inline, then the numbers behind it per period.</summary>
public static partial class HtmlReport
{
    /// <summary>Opens the utilization section; <see cref="Write"/> adds the per-sample table and closes it.</summary>
    private static void WriteUtilization(StringBuilder html, ReportChartData charts, HtmlReportOptions options)
    {
        html.Append("<section id=\"utilization\">\n<h2>Utilization</h2>\n");
        WriteChart(html, ChartKind.Utilization, charts, options,
            $"Utilization of {charts.PoolName} over time" + (charts.Forecast is null ? "" : ", with the forecast and its band"));
        if (charts.Utilization.Count == 0)
        {
            return;
        }

        var period = Rollup.Period(charts.Utilization[0].Time, charts.Utilization[^1].Time);
        var rows = Rollup.Periods(charts.Utilization, period).Select(g => (IReadOnlyList<string>)
        [
            Text.Time(g.Key), Text.Number(g.Count(), "0"), Percent(g.Min(p => p.Value)),
            Percent(g.Average(p => p.Value)), Percent(g.Max(p => p.Value)),
        ]).ToList();
        OpenDetails(html, $"Numbers behind the chart: {rows.Count} rows, one per {Rollup.Describe(period)}");
        HtmlTable.Write(html, ["period from (UTC)", "samples", "min %", "mean %", "max %"], rows);
        html.Append("</details>\n");
    }

    private static void WriteSampleTable(StringBuilder html, IReadOnlyList<ChartPoint> utilization)
    {
        if (utilization.Count == 0)
        {
            return;
        }

        OpenDetails(html, $"Every sample: {utilization.Count} rows");
        HtmlTable.Write(html, ["time (UTC)", "utilization %"],
            utilization.Select(p => (IReadOnlyList<string>)[Text.Seconds(p.Time), Percent(p.Value)]));
        html.Append("</details>\n");
    }

    /// <summary>The processes' or states' chart and, per period, each series' mean (what the chart draws).</summary>
    private static void WriteSeriesSection(StringBuilder html, ChartKind kind, ReportChartData charts, HtmlReportOptions options)
    {
        bool processes = kind == ChartKind.Processes;
        var series = processes ? StackedProcessChart.Layers(charts.Processes) : charts.States.Where(s => s.Points.Count > 0).ToList();
        var unit = processes ? "ports" : charts.StatesUnit;
        html.Append(processes ? "<section id=\"processes\">\n<h2>Top processes</h2>\n" : $"<section id=\"states\">\n<h2>{HtmlTable.Encode(ChartStyle.Capitalized(unit))} per state</h2>\n");
        WriteChart(html, kind, charts, options, processes ? "The top processes' owned ports over time, stacked" : $"{unit} per state over time");
        var times = series.SelectMany(s => s.Points).Select(p => p.Time).ToList();
        if (times.Count > 0)
        {
            var period = Rollup.Period(times.Min(), times.Max());
            var columns = series.Select(s => Rollup.Periods(s.Points, period).ToDictionary(g => g.Key, g => g.Average(p => p.Value))).ToList();
            var starts = columns.SelectMany(c => c.Keys).Distinct().Order().ToList();
            var rows = starts.Select(start => (IReadOnlyList<string>)
                [Text.Time(start), .. columns.Select(c => c.TryGetValue(start, out var v) ? Text.Number(v, "0.#") : "-")]);
            OpenDetails(html, $"Numbers behind the chart: mean {unit} per {Rollup.Describe(period)}, {starts.Count} rows (- no sample)");
            HtmlTable.Write(html, ["period from (UTC)", .. series.Select(s => s.Name)], rows);
            html.Append("</details>\n");
        }

        html.Append("</section>\n");
    }

    private static void WriteChart(StringBuilder html, ChartKind kind, ReportChartData charts, HtmlReportOptions options, string alt)
    {
        if (!ReportCharts.HasData(kind, charts))
        {
            html.Append("<p class=\"note\">No chart: ").Append(kind switch
            {
                ChartKind.Utilization => "no samples.",
                ChartKind.Processes => "no per-process samples.",
                _ => "no per-state samples.",
            }).Append("</p>\n");
            return;
        }

        var size = options.ChartSize;
        string uri = options.ChartFormat == ChartImageFormat.Svg
            ? "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(ReportCharts.Svg(kind, charts, size)))
            : "data:image/png;base64," + Convert.ToBase64String(ReportCharts.Png(kind, charts, size));
        html.Append("<figure><img class=\"chart\" id=\"chart-").Append(kind.ToString().ToLowerInvariant())
            .Append("\" width=\"").Append(size.Width).Append("\" height=\"").Append(size.Height)
            .Append("\" alt=\"").Append(HtmlTable.Encode(alt)).Append("\" src=\"").Append(uri).Append("\"></figure>\n");
    }

    private static void OpenDetails(StringBuilder html, string summary) =>
        html.Append("<details><summary>").Append(HtmlTable.Encode(summary)).Append("</summary>\n");

    private static string Percent(double value) => Text.Number(value, "0.0");
}
