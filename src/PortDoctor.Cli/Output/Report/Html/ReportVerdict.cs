using System.Globalization;
using PortDoctor.Core.Trends.Reporting;
using PortDoctor.Reporting.Charts;
using PortDoctor.Reporting.Html;

namespace PortDoctor.Cli.Output.Report.Html;

/// <summary>
/// The HTML report's verdict from the series (diagnose's thresholds): exhausted when the pool was
/// full at the last sample, at risk from 75% or when the band's pessimistic edge fills it within
/// 24 h, healthy otherwise; with no samples, no verdict. Leaking processes are listed either way.
/// </summary>
internal static class ReportVerdict
{
    private const double AtRiskPercent = 75;
    private static readonly TimeSpan Soon = TimeSpan.FromHours(24);

    public static HtmlVerdict Judge(ReportModel model, IReadOnlyList<ChartPoint> utilization)
    {
        if (utilization.Count == 0)
        {
            return new HtmlVerdict("unknown", model.Samples == 0
                ? "no samples in this window"
                : "the pool's capacity is unknown, so its utilization cannot be judged", Leaks(model));
        }

        double latest = utilization[^1].Value;
        var reasons = new List<string> { Invariant($"{latest:0.#}% of the pool in use at the last sample") };
        var f = model.Forecast.Forecast;
        bool soon = f is not null && TimeSpan.FromSeconds(f.EtaLowSeconds) <= Soon;
        if (soon)
        {
            reasons.Add(Invariant($"full within 24 h at the band's pessimistic edge ({Core.DurationText.Format(TimeSpan.FromSeconds(f!.EtaLowSeconds))})"));
        }

        reasons.AddRange(Leaks(model));
        var (level, summary) = latest >= 100 ? ("exhausted", "the pool was full at the last sample")
            : latest >= AtRiskPercent || soon ? ("at-risk", soon ? "the pool may be full within 24 hours" : "the pool is over 75% in use")
            : ("healthy", "the pool is under 75% in use and not filling within 24 hours");
        return new HtmlVerdict(level, summary, reasons);
    }

    private static List<string> Leaks(ReportModel model) =>
        [.. model.Processes.Where(p => p.Leak).Select(p => Invariant(
            $"{p.Name} (pid {p.Pid}) leaks: {p.PortsLatest} ports, {(p.GrowthPerHour is { } g ? g.ToString("+0.#", CultureInfo.InvariantCulture) : "?")} ports/h"))];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
