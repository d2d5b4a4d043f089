using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PortDoctor.Reporting.Charts;
using PortDoctor.Reporting.Html;
using Xunit;

namespace PortDoctor.Reporting.Tests.Html;

public partial class HtmlReportTests
{
    private const int Week = 10_080;

    [Fact]
    public void A_week_of_minute_samples_fits_in_2_MB_with_every_sample_and_hourly_rows()
    {
        var html = SyntheticReport.Html(SyntheticReport.Content(Week));

        Assert.True(Encoding.UTF8.GetByteCount(html) <= 2_000_000, $"{Encoding.UTF8.GetByteCount(html)} bytes");
        Assert.Contains("Numbers behind the chart: 168 rows, one per 1 h", html, StringComparison.Ordinal);
        Assert.Contains($"Every sample: {Week} rows", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>2026-12-01 23:59:00</td><td>", html, StringComparison.Ordinal);
        Assert.Equal(3, ChartUri().Matches(html).Count);
    }

    [Fact]
    public void A_month_leaves_the_per_sample_table_out_says_so_and_stays_under_2_MB()
    {
        var html = SyntheticReport.Html(SyntheticReport.Content(43_200));

        Assert.True(Encoding.UTF8.GetByteCount(html) <= 2_000_000, $"{Encoding.UTF8.GetByteCount(html)} bytes");
        Assert.DoesNotContain("Every sample:", html, StringComparison.Ordinal);
        Assert.Contains("The table of every sample (43200 rows) is left out", html, StringComparison.Ordinal);
        Assert.Contains("120 rows, one per 6 h", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_carries_the_policy_and_nothing_that_loads_from_elsewhere()
    {
        var html = SyntheticReport.Html(SyntheticReport.Content(600));

        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlReport.ContentSecurityPolicy}\">", html, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", HtmlReport.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        var references = Reference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, references.Count);
        Assert.All(references, r => Assert.StartsWith("data:image/png;base64,", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Sections_come_in_reading_order()
    {
        var html = SyntheticReport.Html(SyntheticReport.Content(600));
        string[] order = ["verdict", "forecast", "utilization", "ranking", "change-points", "processes", "states", "notes"];

        var positions = order.Select(id => html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Words_from_the_input_are_encoded()
    {
        const string Hostile = "<script>alert(1)</script>&\"x\"";
        var content = SyntheticReport.Content(120, process: Hostile) with
        {
            Title = Hostile,
            Notes = [Hostile],
        };
        var charts = content.Charts with { Processes = [new NamedSeries(Hostile, content.Charts.Processes[0].Points)] };

        var html = SyntheticReport.Html(content with { Charts = charts });

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.True(Count(html, "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;x&quot;") >= 5);
    }

    [Fact]
    public void The_forecast_shows_its_basis_and_band_or_why_there_is_none()
    {
        var with = SyntheticReport.Html(SyntheticReport.Content(600));
        var without = SyntheticReport.Html(SyntheticReport.Content(600, forecast: false));

        Assert.Contains("<p>+312 ports/h since 11-25 00:00, full in 1 d 6 h (20 h - 1 d 21 h)</p>", with, StringComparison.Ordinal);
        Assert.Contains("<tr><td>earliest (band low)</td><td>2026-11-26 05:59 UTC</td><td>20 h</td></tr>", with, StringComparison.Ordinal);
        Assert.Contains("<td>+312 ports/h</td>", with, StringComparison.Ordinal);
        Assert.Contains("<strong>No forecast</strong>: no monotone trend: the series rises and falls (daily cycle)", without, StringComparison.Ordinal);
        Assert.DoesNotContain("full (ETA)", without, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ranking_and_change_points_are_tables_of_their_rows()
    {
        var html = SyntheticReport.Html(SyntheticReport.Content(600));

        Assert.Contains("<tr><td>java</td><td>4242</td><td>5140</td><td>+30</td><td>LEAK</td><td>close-wait</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>unknown</td><td>unknown</td><td>12</td><td>too few samples</td><td>no</td><td>time-wait</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>2026-11-26 00:00:00</td><td>restart</td><td>java restarted: pid 4100 -&gt; 4242, ports 4,980 -&gt; 12</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_process_and_state_tables_hold_the_mean_per_period_the_charts_draw()
    {
        // 120 one-minute samples: one row per minute. java's ports at minute i are 100 + i/2.
        var html = SyntheticReport.Html(SyntheticReport.Content(120));

        Assert.Contains("mean ports per 1 min, 120 rows", html, StringComparison.Ordinal);
        Assert.Contains("<th>java (pid 4242)</th>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>2026-11-25 00:03</td><td>101.5</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>TIME_WAIT</th>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Sockets per state</h2>", html, StringComparison.Ordinal);
        Assert.Contains("mean sockets per 1 min", html, StringComparison.Ordinal);
    }

    [Fact]
    public void States_counted_in_ports_say_ports()
    {
        var content = SyntheticReport.Content(120);

        var html = SyntheticReport.Html(content with { Charts = content.Charts with { StatesUnit = "ports" } });

        Assert.Contains("<h2>Ports per state</h2>", html, StringComparison.Ordinal);
        Assert.Contains("mean ports per 1 min, 120 rows", html[html.IndexOf("id=\"states\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_charts_embed_as_svg_data_uris_that_parse()
    {
        var options = HtmlReportOptions.Default with { ChartFormat = ChartImageFormat.Svg };

        var html = SyntheticReport.Html(SyntheticReport.Content(600), options);

        var uris = Reference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, uris.Count);
        Assert.All(uris, uri =>
        {
            Assert.StartsWith("data:image/svg+xml;base64,", uri, StringComparison.Ordinal);
            var svg = Encoding.UTF8.GetString(Convert.FromBase64String(uri["data:image/svg+xml;base64,".Length..]));
            Assert.Equal("svg", XDocument.Parse(svg).Root!.Name.LocalName);
        });
    }

    [Fact]
    public void No_samples_gives_a_page_that_says_so_rather_than_empty_charts()
    {
        var content = SyntheticReport.Content(60) with
        {
            Samples = 0,
            Charts = new ReportChartData("TCP IPv4", [], null, [], []),
            Ranking = [],
            ChangePoints = [],
        };

        var html = SyntheticReport.Html(content);

        Assert.Empty(ChartUri().Matches(html));
        Assert.Contains("No chart: no samples.", html, StringComparison.Ordinal);
        Assert.Contains("No chart: no per-process samples.", html, StringComparison.Ordinal);
        Assert.Contains("No process held ports in these samples.", html, StringComparison.Ordinal);
        Assert.Contains("0 samples", html, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    [GeneratedRegex("<img [^>]*src=\"data:image/png;base64,")]
    private static partial Regex ChartUri();

    [GeneratedRegex("(?:src|href|action|poster)=\"([^\"]*)\"")]
    private static partial Regex Reference();
}
