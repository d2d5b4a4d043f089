namespace PortDoctor.Reporting.Charts;

/// <summary>One value of a series at one moment (a sample's time, UTC).</summary>
public readonly record struct ChartPoint(DateTimeOffset Time, double Value);
