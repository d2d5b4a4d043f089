using System.Globalization;
using System.Reflection;
using PortDoctor.Core.Trends.Forecasting;
using PortDoctor.Core.Trends.Reporting;
using PortDoctor.Reporting.Charts;
using PortDoctor.Reporting.Html;

namespace PortDoctor.Cli.Output.Report.Html;

/// <summary>
/// `report --format html`: the report model mapped to the HTML renderer's plain records. The
/// forecast sentence is the table view's own, so both say the same.
/// </summary>
internal static class ReportHtml
{
    public static void Write(TextWriter writer, ReportModel model, DateTimeOffset now) =>
        HtmlReport.Write(writer, Content(model, now));

    public static HtmlReportContent Content(ReportModel model, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        var version = typeof(ReportHtml).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var utilization = Utilization(model);
        return new HtmlReportContent(
            "PortDoctor report",
            model.Source,
            model.From,
            model.To,
            (int)Math.Min(int.MaxValue, model.Samples),
            ReportVerdict.Judge(model, utilization),
            Forecast(model),
            [.. model.Processes.Select(p => new HtmlGrowthRow(p.Pid, p.Name, p.PortsLatest, p.GrowthPerHour, p.Leak, p.Shape.ToName()))],
            [.. model.ChangePoints.Select(c => new HtmlChangePoint(c.Time, c.Kind.ToName(), $"{c.Process ?? "pool"}: {c.Detail}"))],
            Charts(model, utilization),
            model.Capacity > 0 ? [] : ["the pool's capacity is unknown, so there is no utilization in percent"],
            string.Create(CultureInfo.InvariantCulture, $"portdoctor {version}, {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
    }

    /// <summary>The headline pool's ports as a share of its capacity at each sample (the sample's own capacity when it has one).</summary>
    private static List<ChartPoint> Utilization(ReportModel model) =>
        [.. model.Series.Where(s => (s.Capacity ?? model.Capacity) > 0)
            .Select(s => new ChartPoint(s.Time, 100.0 * s.Ports / (s.Capacity ?? model.Capacity)))];

    private static HtmlForecast Forecast(ReportModel model)
    {
        if (model.Forecast.Forecast is not { } f)
        {
            return HtmlForecast.None($"{model.Forecast.Reason.ToName()}: {model.Forecast.Detail}");
        }

        var basis = ReportView.Header(model).ElementAt(1);
        return new HtmlForecast(
            basis, null, model.To.AddSeconds(f.EtaSeconds), model.To.AddSeconds(f.EtaLowSeconds), model.To.AddSeconds(f.EtaHighSeconds),
            f.RatePerHour, f.Method, string.Create(CultureInfo.InvariantCulture, $"{f.WindowStart:yyyy-MM-dd HH:mm} to {f.WindowEnd:yyyy-MM-dd HH:mm} UTC"));
    }

    private static ReportChartData Charts(ReportModel model, List<ChartPoint> utilization)
    {
        var processes = model.ProcessSeries
            .GroupBy(p => (p.Name, p.Pid))
            .Select(g => new NamedSeries(
                string.Create(CultureInfo.InvariantCulture, $"{g.Key.Name} (pid {g.Key.Pid})"),
                [.. g.OrderBy(p => p.Time).Select(p => new ChartPoint(p.Time, p.Ports))]))
            .ToList();
        var states = States(model);
        var pool = string.Create(CultureInfo.InvariantCulture, $"{model.Pool ?? "headline pool"}, {model.Capacity:N0} ports");
        return new ReportChartData(pool, utilization, ChartForecast(model), processes, states, model.States.Count > 0 ? "sockets" : "ports");
    }

    /// <summary>
    /// Sockets per state, stacked, when the source kept them (the history's pools, a log's samples);
    /// else the headline's ports split into those held by live sockets and those held only by TIME_WAIT.
    /// </summary>
    private static NamedSeries[] States(ReportModel model)
    {
        if (model.States.Count > 0)
        {
            var s = model.States;
            return
            [
                new("ESTABLISHED", [.. s.Select(p => new ChartPoint(p.Time, p.Established))]),
                new("TIME_WAIT", [.. s.Select(p => new ChartPoint(p.Time, p.TimeWait))]),
                new("CLOSE_WAIT", [.. s.Select(p => new ChartPoint(p.Time, p.CloseWait))]),
                new("FIN_WAIT_1/2", [.. s.Select(p => new ChartPoint(p.Time, p.FinWait))]),
                new("BOUND and other", [.. s.Select(p => new ChartPoint(p.Time, p.Other))]),
            ];
        }

        return model.Series.Count == 0 ? [] :
        [
            new("held by live sockets", [.. model.Series.Select(s => new ChartPoint(s.Time, s.Owned))]),
            new("TIME_WAIT only", [.. model.Series.Select(s => new ChartPoint(s.Time, s.TimeWait))]),
        ];
    }

    /// <summary>The fitted line through the forecast's level at the window's end, at its rate, reaching 100% at the ETA.</summary>
    private static ChartForecast? ChartForecast(ReportModel model)
    {
        if (model.Forecast.Forecast is not { } f || model.Capacity <= 0)
        {
            return null;
        }

        double startLevel = f.Level - (f.RatePerHour * (f.WindowEnd - f.WindowStart).TotalHours);
        var chart = new ChartForecast(
            f.WindowStart, 100.0 * startLevel / model.Capacity,
            model.To.AddSeconds(f.EtaSeconds), model.To.AddSeconds(f.EtaLowSeconds), model.To.AddSeconds(f.EtaHighSeconds));
        return chart.IsDrawable ? chart : null;
    }
}
