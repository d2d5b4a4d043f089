namespace PortDoctor.Cli.Output.Json;

/// <summary>A culprit, most likely first. Pattern: bound, established, close-wait, time-wait, syn-sent, closing or udp-bound.</summary>
internal sealed record CulpritJson(
    int Pid,
    string? Process,
    string Pattern,
    int Ports,
    double SharePercent,
    PatternCountsJson Counts,
    int? HandleCount,
    int? SocketCount,
    string HandleLevel,
    string TimeWaitConfidence,
    string? TopDestination,
    int TopDestinationSockets,
    string Reason,
    double? GrowthPerHour,
    IReadOnlyList<SharerJson> SharedWith,
    IReadOnlyList<int> MemberPids);

/// <summary>A process holding some of the culprit's sockets too.</summary>
internal sealed record SharerJson(int Pid, string? Process, int Sockets);
