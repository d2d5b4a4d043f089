namespace PortDoctor.Cli.Output.Json;

/// <summary>One ephemeral pool. Family is null on Linux (IPv4 and IPv6 share the port space).</summary>
internal sealed record UsageJson(
    string Protocol,
    string? Family,
    int RangeStart,
    int RangeEnd,
    int Capacity,
    int DistinctPortsHeld,
    int GlobalPressure,
    int PortsInUse,
    double UtilizationPercent,
    string Scope,
    int ReusableTimeWait,
    int TimeWaitOnlyPorts,
    IReadOnlyList<DestinationJson> WorstDestinations);
