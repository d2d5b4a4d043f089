namespace PortDoctor.Cli.Output.Json;

/// <summary>`range show --format json`.</summary>
internal sealed record RangeShowJson(
    string Source,
    bool AssumedDefault,
    IReadOnlyList<PortRangeJson> Ranges,
    IReadOnlyList<PortRangeJson> Excluded,
    IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The network namespace read (`--netns`, `--pid`); null: the caller's own.</summary>
    public NamespaceJson? Namespace { get; init; }
}
