using PortDoctor.Reporting.Charts;

namespace PortDoctor.Reporting.Html;

/// <summary>How the HTML report embeds its charts and how large it may grow.</summary>
/// <param name="ChartFormat">PNG (the default: the reader sees exactly the pixels drawn here) or SVG.</param>
/// <param name="ChartSize">Each chart's size in pixels.</param>
/// <param name="MaxBytes">The file's budget: the per-sample table is left out when it would pass it.</param>
public sealed record HtmlReportOptions(ChartImageFormat ChartFormat, ChartSize ChartSize, int MaxBytes)
{
    /// <summary>PNG charts of 1000 x 360, 2 MB.</summary>
    public static readonly HtmlReportOptions Default = new(ChartImageFormat.Png, ReportCharts.Default, 2_000_000);
}
