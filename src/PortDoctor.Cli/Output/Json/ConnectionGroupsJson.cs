namespace PortDoctor.Cli.Output.Json;

/// <summary>`connections --group-by ... --format json`: groups sorted by count, largest first.</summary>
internal sealed record ConnectionGroupsJson(DateTimeOffset Time, string Host, IReadOnlyList<string> GroupBy, int Total, IReadOnlyList<SocketGroupJson> Groups, IReadOnlyList<string> Notes)
{
    /// <summary>The network namespace read (`--netns`); null: the caller's own.</summary>
    public NamespaceJson? Namespace { get; init; }

    /// <summary>The notes as data: kind, place and values of each (the sentences are <c>notes</c>).</summary>
    public IReadOnlyList<NoteJson> NoteDetails { get; init; } = [];
}
