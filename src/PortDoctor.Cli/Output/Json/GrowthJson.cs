namespace PortDoctor.Cli.Output.Json;

/// <summary>One process's socket count across a time series (diagnose --from a periodic log).</summary>
internal sealed record GrowthJson(int Pid, DateTimeOffset FirstTime, int First, DateTimeOffset LastTime, int Last, int Peak, int Growth, double PerHour);
