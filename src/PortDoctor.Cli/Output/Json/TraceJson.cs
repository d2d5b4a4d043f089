namespace PortDoctor.Cli.Output.Json;

/// <summary>
/// `trace --format json`, also kept as the last trace's summary in the state directory (diagnose reads
/// it). Netns is the namespace traced (null: every one). Destinations are not in it: tracefs cannot read the sockaddr (docs/cli.md).
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
    IReadOnlyList<TraceProcessJson> Processes,
    string? Netns = null,
    long UnplacedFailures = 0);
