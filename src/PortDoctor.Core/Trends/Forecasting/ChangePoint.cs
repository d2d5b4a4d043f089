namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>A moment the series changed regime; only the samples after the newest one are fitted.</summary>
public sealed record ChangePoint(DateTimeOffset Time, ChangeKind Kind, string Detail);
