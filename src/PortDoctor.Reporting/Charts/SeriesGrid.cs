namespace PortDoctor.Reporting.Charts;

/// <summary>Several series on one time axis: <c>Values[series][i]</c> belongs to <c>Times[i]</c>.</summary>
internal sealed record SeriesGrid(DateTimeOffset[] Times, double[][] Values);
