namespace PortDoctor.Cli.Output.Report;

/// <summary>A change point: process null for the pool's own.</summary>
internal sealed record ReportChangeJson(DateTimeOffset Time, string Kind, string Detail, string? Process);
