namespace PortDoctor.Cli.Output.Json;

internal sealed record EventJson(DateTimeOffset Time, string Source, int EventId, int Count, string Message);
