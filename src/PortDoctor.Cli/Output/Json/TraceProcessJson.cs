namespace PortDoctor.Cli.Output.Json;

/// <summary>One process's failures; counts per call ("connect"/"bind"), errno and family (null: unknown).</summary>
internal sealed record TraceProcessJson(
    int Pid,
    string Command,
    long Total,
    DateTimeOffset First,
    DateTimeOffset Last,
    IReadOnlyList<TraceCountJson> Failures);
