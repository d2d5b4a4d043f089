namespace PortDoctor.Cli.Output.Json;

/// <summary>`diagnose --format json`: schema version 1, documented field by field in docs/cli.md.</summary>
internal sealed record DiagnoseJson(
    int SchemaVersion,
    DateTimeOffset Time,
    string Host,
    string Os,
    string Verdict,
    int ExitCode,
    IReadOnlyList<string> Reasons,
    UsageJson? Headline,
    IReadOnlyList<UsageJson> Usage,
    IReadOnlyList<CulpritJson> Culprits,
    IReadOnlyList<ConsumerJson> Consumers,
    IReadOnlyList<GrowthJson> Growth,
    IReadOnlyList<TimeWaitOwnerJson> TimeWait,
    IReadOnlyList<ProbeJson> Probes,
    IReadOnlyList<EventJson> Events,
    IReadOnlyDictionary<string, long> KernelCounters,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<RemediationJson> Remediation,
    IReadOnlyList<string> Notes,
    IReadOnlyList<FindingJson> Findings)
{
    /// <summary>The network namespace judged (`--netns`, `--pid`); null: the caller's own.</summary>
    public NamespaceJson? Namespace { get; init; }

    /// <summary>The notes as data: kind, place and values of each (the sentences are <c>notes</c>).</summary>
    public IReadOnlyList<NoteJson> NoteDetails { get; init; } = [];
}
