namespace PortDoctor.Cli.Output.Json;

/// <summary>Kind: application, relief or last-resort. Command is null when the step is not one command.</summary>
internal sealed record RemediationJson(int Step, string Kind, string Text, string? Command);
