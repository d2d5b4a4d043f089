namespace PortDoctor.Cli.Output.Report;

internal sealed record ReportWindowJson(DateTimeOffset Start, DateTimeOffset End);
