namespace PortDoctor.Cli.Output.History;

/// <summary>One sample of `history`: the headline pool's ports in use and utilization, and the top processes.</summary>
internal sealed record HistoryItemJson(DateTimeOffset Time, string? Pool, int PortsInUse, int Capacity, double UtilizationPercent, IReadOnlyList<HistoryProcessJson> Processes);
