namespace PortDoctor.Cli.Output.Json;

/// <summary>Outcome: succeeded, address-unavailable, refused, timed-out, unreachable or other-error.</summary>
internal sealed record ProbeJson(string Target, string Outcome, int? NativeError, string? ErrorName, double ElapsedMs);
