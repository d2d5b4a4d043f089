namespace PortDoctor.Cli.Output.Json;

/// <summary>`connections --format json`: an object with a `sockets` array, plus when and where.</summary>
internal sealed record ConnectionsJson(DateTimeOffset Time, string Host, int Count, IReadOnlyList<SocketJson> Sockets, IReadOnlyList<string> Notes)
{
    /// <summary>The network namespace read (`--netns`); null: the caller's own.</summary>
    public NamespaceJson? Namespace { get; init; }

    /// <summary>The notes as data: kind, place and values of each (the sentences are <c>notes</c>).</summary>
    public IReadOnlyList<NoteJson> NoteDetails { get; init; } = [];
}
