namespace PortDoctor.Cli.Output.Json;

internal sealed record TimeWaitOwnerJson(int? Pid, string? Process, string Remote, int Count, int EphemeralCount, string Confidence, string Basis);
