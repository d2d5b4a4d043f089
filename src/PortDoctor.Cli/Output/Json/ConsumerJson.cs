namespace PortDoctor.Cli.Output.Json;

/// <summary>A process by ephemeral ports held; states use netstat's spelling.</summary>
internal sealed record ConsumerJson(
    int Pid,
    string? Process,
    int EphemeralPorts,
    IReadOnlyDictionary<string, int> EphemeralByState,
    IReadOnlyDictionary<string, int> SocketsByState,
    int AttributedTimeWait,
    int? HandleCount,
    int? SocketCount,
    int? UnlistedSocketCount,
    string HandleLevel,
    int AttributedClosing,
    int EphemeralUdp,
    int EphemeralSockets);
