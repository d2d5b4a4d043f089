using PortDoctor.Reporting.Charts;
using PortDoctor.Reporting.Html;

namespace PortDoctor.Reporting.Tests;

/// <summary>
/// A report over <c>minutes</c> one-minute samples: a pool filling from 20% towards full, a
/// leaking process, steady ones, a restart halfway, and per-state counts with a daily cycle.
/// </summary>
internal static class SyntheticReport
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    public static ReportChartData Charts(int minutes, bool forecast = true, int processes = 9)
    {
        var times = Enumerable.Range(0, minutes).Select(i => Start.AddMinutes(i)).ToArray();
        var rng = new Random(12);
        var utilization = times.Select((t, i) => new ChartPoint(t, 20 + (50.0 * i / minutes) + (rng.NextDouble() * 2))).ToList();
        var series = Enumerable.Range(0, processes).Select(p => new NamedSeries(
            p == 0 ? "java (pid 4242)" : $"svc{p} (pid {1000 + p})",
            times.Select((t, i) => new ChartPoint(t, p == 0 ? 100 + (i * 0.5) : 50 + (10 * p) + (i % 7))).ToList())).ToList();
        var states = new[] { "ESTABLISHED", "TIME_WAIT", "CLOSE_WAIT" }.Select((s, k) => new NamedSeries(
            s, times.Select((t, i) => new ChartPoint(t, (1000 * (k + 1)) + (300 * Math.Sin(i * 2 * Math.PI / 1440)))).ToList())).ToList();
        var last = times[^1];
        var fit = forecast
            ? new ChartForecast(Start, 20, last.AddHours(30), last.AddHours(20), last.AddHours(45))
            : null;
        return new ReportChartData("TCP IPv4, 28,232 ports", utilization, fit, series, states);
    }

    public static HtmlReportContent Content(int minutes, bool forecast = true, string process = "java")
    {
        var charts = Charts(minutes, forecast);
        var last = charts.Utilization[^1].Time;
        var fc = forecast
            ? new HtmlForecast("+312 ports/h since 11-25 00:00, full in 1 d 6 h (20 h - 1 d 21 h)", null,
                last.AddHours(30), last.AddHours(20), last.AddHours(45), 312, "theil-sen", "since 2026-11-25 00:00, 240 samples")
            : HtmlForecast.None("no monotone trend: the series rises and falls (daily cycle)");
        return new HtmlReportContent(
            "PortDoctor report: web-01",
            "history /var/lib/portdoctor/history.db",
            charts.Utilization[0].Time,
            last,
            minutes,
            new HtmlVerdict("at-risk", "java (pid 4242) leaks CLOSE_WAIT sockets", ["pool at 70%", "full within 24 h"]),
            fc,
            [
                new HtmlGrowthRow(4242, process, 5140, 30.0, true, "close-wait"),
                new HtmlGrowthRow(1001, "svc1", 60, 0, false, "established"),
                new HtmlGrowthRow(null, "unknown", 12, null, false, "time-wait"),
            ],
            [new HtmlChangePoint(Start.AddDays(1), "restart", "java restarted: pid 4100 -> 4242, ports 4,980 -> 12")],
            charts,
            ["owners of 3 sockets were unreadable"],
            "portdoctor test");
    }

    public static string Html(HtmlReportContent content, HtmlReportOptions? options = null)
    {
        using var writer = new StringWriter();
        HtmlReport.Write(writer, content, options);
        return writer.ToString();
    }
}
