using PortDoctor.Core.Trends.Forecasting;

namespace PortDoctor.Core.Trends.Reporting;

/// <summary>A change point of the pool (Process null) or of one process's series.</summary>
public sealed record ReportChange(DateTimeOffset Time, ChangeKind Kind, string Detail, string? Process);
