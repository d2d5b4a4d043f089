namespace PortDoctor.Cli.Output.Json;

/// <summary>`diagnose --all-netns --format json`: every network namespace, the worst first.</summary>
internal sealed record AllNamespacesJson(int SchemaVersion, DateTimeOffset Time, string Host, int Count, IReadOnlyList<NamespaceDiagnosisJson> Namespaces, IReadOnlyList<string> Notes);
