using System.Xml.Linq;
using PortDoctor.Reporting.Charts;
using SkiaSharp;
using Xunit;

namespace PortDoctor.Reporting.Tests.Charts;

public class ReportChartsTests
{
    private static readonly ChartSize Size = new(900, 320);

    // The forecast band's colour (orange at 35%) over the white plot area.
    private static readonly SKColor Band = new(255, 210, 171);

    [Theory]
    [InlineData(ChartKind.Utilization)]
    [InlineData(ChartKind.Processes)]
    [InlineData(ChartKind.States)]
    public void Each_chart_is_a_png_of_the_size_asked_with_something_drawn(ChartKind kind)
    {
        var png = Pixels.Decode(ReportCharts.Png(kind, SyntheticReport.Charts(10_080), Size));

        Assert.Equal((Size.Width, Size.Height), (png.Width, png.Height));
        Assert.True(png.Variance(0, 0, png.Width, png.Height) > 200);
    }

    [Theory]
    [InlineData(ChartKind.Utilization, "Utilization: TCP IPv4")]
    [InlineData(ChartKind.Processes, "java (pid 4242)")]
    [InlineData(ChartKind.States, "TIME_WAIT")]
    public void Each_chart_is_an_svg_with_its_words(ChartKind kind, string word)
    {
        var svg = XDocument.Parse(ReportCharts.Svg(kind, SyntheticReport.Charts(600), Size));
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(Size.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), svg.Root.Attribute("width")?.Value);
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.Contains(word, StringComparison.Ordinal));
        Assert.True(svg.Descendants(ns + "path").Count() > 5);
    }

    [Fact]
    public void The_forecast_band_is_shaded_after_the_last_sample_and_absent_without_a_forecast()
    {
        var with = Pixels.Decode(ReportCharts.Png(ChartKind.Utilization, SyntheticReport.Charts(10_080), Size));
        var without = Pixels.Decode(ReportCharts.Png(ChartKind.Utilization, SyntheticReport.Charts(10_080, forecast: false), Size));

        Assert.Equal(0, without.Count(Band, 6));
        Assert.True(with.Count(Band, 6) > 500);
        // The samples span 7 days and the band 45 h after them: the band is in the right quarter
        // (the legend's swatch, upper left within 250 px, aside).
        int beforeLastSample = with.Count(Band, 6, 250, 0, (Size.Width * 3 / 4) - 250, Size.Height);
        Assert.Equal(0, beforeLastSample);
    }

    [Fact]
    public void Without_data_a_chart_says_so_instead_of_an_empty_frame()
    {
        var empty = new ReportChartData("TCP IPv4", [], null, [], []);

        Assert.False(ReportCharts.HasData(ChartKind.Utilization, empty));
        var svg = ReportCharts.Svg(ChartKind.Processes, empty, Size);
        Assert.Contains("no per-process samples", XDocument.Parse(svg).Root!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_seven_processes_stack_as_the_six_largest_and_one_other_layer()
    {
        var layers = StackedProcessChart.Layers(SyntheticReport.Charts(600, processes: 9).Processes);

        Assert.Equal(7, layers.Count);
        Assert.Equal("java (pid 4242)", layers[0].Name);
        Assert.Equal("other (3 processes)", layers[^1].Name);
        // svc1..svc3 (the smallest) are summed at each moment: 60+70+80 plus 3 x (i % 7).
        Assert.Equal(210, layers[^1].Points[0].Value);
    }
}
