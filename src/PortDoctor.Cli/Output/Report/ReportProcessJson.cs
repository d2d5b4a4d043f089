namespace PortDoctor.Cli.Output.Report;

/// <summary>One process (by name, across restarts): growthPerHour null when its newest segment is too short to fit.</summary>
internal sealed record ReportProcessJson(int Pid, string Process, int PortsLatest, double? GrowthPerHour, bool Leak, string Pattern, int Restarts, string Detail);
