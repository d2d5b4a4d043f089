using ScottPlot;

namespace PortDoctor.Reporting.Charts;

/// <summary>
/// Draws the report's charts with ScottPlot, as PNG bytes or SVG text. Times are drawn in UTC.
/// Long series are downsampled to the width first (<see cref="Downsampling"/>).
/// </summary>
internal static class ReportCharts
{
    /// <summary>The size the HTML report uses.</summary>
    public static readonly ChartSize Default = new(1000, 360);

    /// <summary>The chart as PNG bytes; a missing native Skia library is a one-line error (exit 69).</summary>
    public static byte[] Png(ChartKind kind, ReportChartData data, ChartSize size) =>
        SkiaLibrary.Call(() => Build(kind, data, size).GetImageBytes(size.Width, size.Height, ImageFormat.Png));

    /// <summary>The chart as SVG text; a missing native Skia library is a one-line error (exit 69).</summary>
    public static string Svg(ChartKind kind, ReportChartData data, ChartSize size) =>
        SkiaLibrary.Call(() => Build(kind, data, size).GetSvgXml(size.Width, size.Height));

    /// <summary>Whether <paramref name="kind"/> has anything to draw in <paramref name="data"/>.</summary>
    public static bool HasData(ChartKind kind, ReportChartData data) => kind switch
    {
        ChartKind.Utilization => data.Utilization.Count > 0,
        ChartKind.Processes => data.Processes.Any(s => s.Points.Count > 0),
        ChartKind.States => data.States.Any(s => s.Points.Count > 0),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Plot Build(ChartKind kind, ReportChartData data, ChartSize size)
    {
        ArgumentNullException.ThrowIfNull(data);
        // About one point per pixel of the data area (the axes take the rest).
        int buckets = Math.Max(16, size.Width - 120);
        return kind switch
        {
            ChartKind.Utilization => UtilizationChart.Build(data, buckets),
            ChartKind.Processes => StackedProcessChart.Build(data.Processes, buckets),
            ChartKind.States => StateChart.Build(data.States, data.StatesUnit, buckets),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
