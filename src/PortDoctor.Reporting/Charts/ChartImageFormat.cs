namespace PortDoctor.Reporting.Charts;

/// <summary>How a chart is encoded.</summary>
public enum ChartImageFormat
{
    Png,
    Svg,
}
