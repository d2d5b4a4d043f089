using PortDoctor.Reporting.Charts;

namespace PortDoctor.Reporting.Html;

/// <summary>
/// Everything the HTML report shows, as plain data the report verb maps its model to. Words
/// (verdict summary, forecast basis, reasons) arrive already written, so the HTML says exactly
/// what the table view says.
/// </summary>
/// <param name="Title">The page title ("PortDoctor report: web-01").</param>
/// <param name="Source">Where the samples came from ("history /var/lib/portdoctor/history.db").</param>
/// <param name="From">The first sample's time.</param>
/// <param name="To">The last sample's time.</param>
/// <param name="Samples">How many samples were read.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Forecast">The headline pool's forecast, or the reason there is none.</param>
/// <param name="Ranking">Processes, most suspicious first.</param>
/// <param name="ChangePoints">Restarts, deploys, range changes, in time order.</param>
/// <param name="Charts">The charts' data (and the tables behind them).</param>
/// <param name="Notes">What the reader should know about the input (gaps, missing owners).</param>
/// <param name="GeneratedBy">The footer ("portdoctor 1.2.0 at 2026-12-02 04:00 UTC").</param>
public sealed record HtmlReportContent(
    string Title,
    string Source,
    DateTimeOffset From,
    DateTimeOffset To,
    int Samples,
    HtmlVerdict Verdict,
    HtmlForecast Forecast,
    IReadOnlyList<HtmlGrowthRow> Ranking,
    IReadOnlyList<HtmlChangePoint> ChangePoints,
    ReportChartData Charts,
    IReadOnlyList<string> Notes,
    string GeneratedBy);
