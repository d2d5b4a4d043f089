namespace PortDoctor.Cli.Output.Json;

/// <summary>
/// `trace --format json`, also kept as the last trace's summary in the state directory (diagnose reads
/// it). Destinations are not in it: tracefs cannot read the sockaddr (docs/cli.md).
/// </summary>
internal sealed record TraceJson(
    string Source,
    DateTimeOffset Started,
    DateTimeOffset Ended,
    double DurationSeconds,
    IReadOnlyList<int> PidFilter,
    long TotalFailures,
    long LostEvents,
    long OtherFailures,
    long NonIpFailures,
    IReadOnlyList<TraceProcessJson> Processes);
