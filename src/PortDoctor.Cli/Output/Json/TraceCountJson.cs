namespace PortDoctor.Cli.Output.Json;

internal sealed record TraceCountJson(string Call, string Errno, string? Family, long Count);
