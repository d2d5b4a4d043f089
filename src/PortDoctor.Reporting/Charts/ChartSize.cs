namespace PortDoctor.Reporting.Charts;

/// <summary>A chart's size in pixels.</summary>
public readonly record struct ChartSize(int Width, int Height);
