using System.Text.RegularExpressions;
using PortDoctor.Reporting.Html;
using Xunit;

namespace PortDoctor.Reporting.Tests.Browser;

/// <summary>
/// The report as a reader sees it: headless chromium opens the file, and the test finds each
/// chart's pixels in the screenshot and reads the browser's net log for requests. The request
/// check is <see cref="BrowserRequestTests"/>: a class of its own, so that its two browser runs
/// go beside these two.
/// </summary>
public partial class BrowserTests
{
    private const int Width = 1200;
    private const int Height = 3000;

    [Fact]
    public void A_week_report_shows_every_chart_in_chromium_and_requests_nothing()
    {
        Assert.SkipWhen(Chromium.Path is null, Chromium.SkipReason);
        using var dir = new TempDirectory();
        var html = SyntheticReport.Html(SyntheticReport.Content(10_080));
        var run = Open(dir, html);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(NetLog.PageRequests(run.NetLog));
        Assert.Empty(run.PolicyViolations);
        var shot = Pixels.Decode(File.ReadAllBytes(run.Screenshot));
        var charts = ChartImages(html);
        Assert.Equal(["utilization", "processes", "states"], charts.Select(c => c.Id));
        foreach (var (id, png) in charts)
        {
            var chart = Pixels.Decode(png);
            var at = shot.Find(chart);
            Assert.True(at is not null, $"the {id} chart is not in the screenshot");
            var (x, y) = at.Value;
            Assert.True(shot.Variance(x, y, chart.Width, chart.Height) > 200, $"the {id} chart's region is blank");
        }
    }

    [Fact]
    public void The_chart_check_fails_when_the_browser_blocks_the_images()
    {
        Assert.SkipWhen(Chromium.Path is null, Chromium.SkipReason);
        using var dir = new TempDirectory();
        var html = SyntheticReport.Html(SyntheticReport.Content(600))
            .Replace(HtmlReport.ContentSecurityPolicy, "default-src 'none'; style-src 'unsafe-inline'", StringComparison.Ordinal);
        var run = Open(dir, html);

        Assert.NotEmpty(run.PolicyViolations);
        var shot = Pixels.Decode(File.ReadAllBytes(run.Screenshot));
        Assert.All(ChartImages(html), c => Assert.Null(shot.Find(Pixels.Decode(c.Png))));
    }

    internal static ChromiumRun Open(TempDirectory dir, string html)
    {
        var page = dir.File("report.html");
        File.WriteAllText(page, html);
        return Chromium.Screenshot(page, dir, Width, Height);
    }

    /// <summary>Each chart's id and PNG bytes, from its data: URI.</summary>
    private static List<(string Id, byte[] Png)> ChartImages(string html) => ChartImage().Matches(html)
        .Select(m => (m.Groups[1].Value, Convert.FromBase64String(m.Groups[2].Value))).ToList();

    [GeneratedRegex("id=\"chart-([a-z]+)\"[^>]*src=\"data:image/png;base64,([^\"]+)\"")]
    private static partial Regex ChartImage();
}
