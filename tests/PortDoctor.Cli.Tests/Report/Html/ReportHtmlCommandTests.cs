using System.Text.RegularExpressions;
using Xunit;

namespace PortDoctor.Cli.Tests.Report.Html;

/// <summary>`report --format html` in process: the guide's one-minute log (as DiagnoseFromTests writes it) becomes one page.</summary>
public sealed partial class ReportHtmlCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pdo-report-html-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void A_leaking_log_becomes_one_page_with_the_forecast_ranking_and_three_charts()
    {
        // 100 of 1,000 ports, 10 more a minute for 40 minutes: about 50 minutes from full.
        var log = Write("netstat.txt", DiagnoseFromTests.PeriodicLog([.. Enumerable.Range(0, 41).Select(m => 100 + (10 * m))]));
        var netsh = Write("dynamicport.txt", DiagnoseFromTests.Netsh);
        var page = Path.Combine(_dir.FullName, "report.html");

        var (code, output, error) = CliRunner.Run("report", "--from", log, netsh, "--format", "html", "--out", page);

        Assert.True(code == 0, error);
        Assert.Equal("", output);
        var html = File.ReadAllText(page);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\"", html, StringComparison.Ordinal);
        Assert.Contains("<p><strong>AT RISK</strong>: the pool may be full within 24 hours</p>", html, StringComparison.Ordinal);
        Assert.Matches("<p>Forecast: \\+\\d+ ports/h since 14:\\d\\d UTC, full in ", html);
        Assert.Matches("<tr><td>[^<]+</td><td>4321</td><td>500</td><td>\\+[0-9.]+</td><td>LEAK</td>", html);
        Assert.Equal(["utilization", "processes", "states"], Chart().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains("<tr><td>2024-01-15 15:10</td><td>1</td><td>50.0</td><td>50.0</td><td>50.0</td></tr>", html, StringComparison.Ordinal);
        // Written whole: no temporary file is left beside it.
        Assert.Equal(["dynamicport.txt", "netstat.txt", Path.GetFileName(page)], _dir.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_out_the_page_goes_to_stdout_and_a_flat_log_says_why_there_is_no_forecast()
    {
        var log = Write("netstat.txt", DiagnoseFromTests.PeriodicLog([.. Enumerable.Repeat(200, 41)]));
        var netsh = Write("dynamicport.txt", DiagnoseFromTests.Netsh);

        var (code, output, error) = CliRunner.Run("report", "--from", log, netsh, "--format", "HTML");

        Assert.True(code == 0, error);
        Assert.StartsWith("<!DOCTYPE html>", output, StringComparison.Ordinal);
        Assert.Contains("<strong>No forecast</strong>: ", output, StringComparison.Ordinal);
        Assert.Contains("<p><strong>HEALTHY</strong>:", output, StringComparison.Ordinal);
        Assert.Equal(3, Chart().Matches(output).Count);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [GeneratedRegex("id=\"chart-([a-z]+)\"[^>]*src=\"data:image/png;base64,")]
    private static partial Regex Chart();
}
