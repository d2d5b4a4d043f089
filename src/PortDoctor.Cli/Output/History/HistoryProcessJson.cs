namespace PortDoctor.Cli.Output.History;

/// <summary>A process in a sample: its ephemeral ports (TIME_WAIT attributed from history included).</summary>
internal sealed record HistoryProcessJson(int Pid, string Process, int Ports);
