using System.Text.Json.Serialization;

namespace PortDoctor.Cli.Output.Json;

/// <summary>
/// Source-generated JSON (NativeAOT has no reflection serializer). camelCase names; nulls are
/// written, because scripts rely on "pid": null meaning "unknown".
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ConnectionsJson))]
[JsonSerializable(typeof(ConnectionGroupsJson))]
[JsonSerializable(typeof(RangeShowJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
