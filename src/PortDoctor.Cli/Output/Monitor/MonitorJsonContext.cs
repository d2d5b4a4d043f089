using System.Text.Json.Serialization;

namespace PortDoctor.Cli.Output.Monitor;

/// <summary>Compact JSON for the monitor: one object per line, so a log or pipe reads it line by line.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MonitorLineJson))]
internal sealed partial class MonitorJsonContext : JsonSerializerContext;
