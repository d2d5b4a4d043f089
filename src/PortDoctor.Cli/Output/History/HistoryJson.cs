namespace PortDoctor.Cli.Output.History;

/// <summary>`history --format json`: how many samples, and each one oldest first.</summary>
internal sealed record HistoryJson(int Samples, IReadOnlyList<HistoryItemJson> Items);
