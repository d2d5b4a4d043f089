namespace PortDoctor.Cli.Output.Json;

/// <summary>
/// One note: its <c>kind</c>, the sentence stderr prints, the place (file, line) when there is one,
/// and its values: numbers and labels by name, names and line numbers as lists (docs/cli.md, "Notes").
/// </summary>
internal sealed record NoteJson(
    string Kind,
    string Text,
    string? File,
    long? Line,
    IReadOnlyDictionary<string, double> Numbers,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Names,
    IReadOnlyList<long> Lines);
