namespace PortDoctor.Cli.Output.Json;

/// <summary>One namespace of `diagnose --all-netns`: which, whether it is PortDoctor's own, who lives there, and its diagnosis (as `diagnose --format json`).</summary>
internal sealed record NamespaceDiagnosisJson(NamespaceJson Namespace, bool Own, int ProcessCount, IReadOnlyList<NamespaceProcessJson> Processes, IReadOnlyList<string> Containers, DiagnoseJson Diagnosis);
