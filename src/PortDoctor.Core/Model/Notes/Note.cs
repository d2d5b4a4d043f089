namespace PortDoctor.Core.Model;

/// <summary>
/// What a source could not tell (or decided on the reader's behalf), as data: a <see cref="Kind"/>,
/// the values that kind speaks of, and the place (<see cref="File"/>, <see cref="Line"/>) when there
/// is one. Sources build notes; the CLI makes the sentences (Cli/Output/Notes/NoteText) and the JSON.
/// Which values a kind fills is listed in docs/cli.md ("Notes").
/// </summary>
public sealed record Note(NoteKind Kind)
{
    private static readonly IReadOnlyDictionary<string, long> EmptyNumbers = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The evidence file (its name) the note is about; null for the live host.</summary>
    public string? File { get; init; }

    /// <summary>The line of the file or path meant, when one line is.</summary>
    public long? Line { get; init; }

    /// <summary>The note's count (rows, sockets, events, processes...); 0 when the kind has none.</summary>
    public long Count { get; init; }

    /// <summary>Further counts by name, for the few kinds that have more than one.</summary>
    public IReadOnlyDictionary<string, long> Numbers { get; init; } = EmptyNumbers;

    /// <summary>A path read on the host (a /proc file, a registry key, a history file).</summary>
    public string? Path { get; init; }

    /// <summary>A command that was run or is meant ("netsh int ipv4 show dynamicport tcp").</summary>
    public string? Command { get; init; }

    /// <summary>One name the kind is about (a state's spelling, a table, a time zone, a file).</summary>
    public string? Name { get; init; }

    /// <summary>Several names the kind is about (unknown states, unused files, PIDs).</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Text from the OS or a command (an error message, a command's output), as it came.</summary>
    public string? Message { get; init; }

    /// <summary>An errno or exit status.</summary>
    public int? Code { get; init; }

    public PortRange? Range { get; init; }

    public TransportProtocol? Protocol { get; init; }

    public IpFamily? Family { get; init; }

    /// <summary>Line numbers the note lists (the first unreadable lines of a file).</summary>
    public IReadOnlyList<long> Lines { get; init; } = [];

    /// <summary>A span of time the note is about (the samples of a history file).</summary>
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>Equal when the kind, place and every value are equal (lists and numbers by content), so a reader's repeated note is kept once.</summary>
    public bool Equals(Note? other) =>
        other is not null && Kind == other.Kind && File == other.File && Line == other.Line && Count == other.Count
        && Path == other.Path && Command == other.Command && Name == other.Name && Message == other.Message && Code == other.Code
        && Range == other.Range && Protocol == other.Protocol && Family == other.Family && From == other.From && To == other.To
        && Names.SequenceEqual(other.Names) && Lines.SequenceEqual(other.Lines)
        && Numbers.Count == other.Numbers.Count && Numbers.All(n => other.Numbers.TryGetValue(n.Key, out var v) && v == n.Value);

    public override int GetHashCode() => HashCode.Combine(Kind, File, Line, Count, Path, Command, Name, Message);
}
