namespace PortDoctor.Cli.Output.Json;

/// <summary>
/// One finding of diagnose: its <c>kind</c>, whether it is a <c>reason</c> or <c>evidence</c>, the
/// sentence the report prints, and its values (numbers by name, and labels such as process names).
/// </summary>
internal sealed record FindingJson(
    string Kind,
    string Role,
    string Text,
    IReadOnlyDictionary<string, double> Numbers,
    IReadOnlyDictionary<string, string?> Labels);
