namespace PortDoctor.HealthChecks;

/// <summary>One process and the ephemeral ports it holds, as the check's data lists the top ones.</summary>
public sealed record PortHolder(int Pid, string? Name, int Ports);
