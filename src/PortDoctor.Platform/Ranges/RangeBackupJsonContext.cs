using System.Text.Json.Serialization;

namespace PortDoctor.Platform.Ranges;

/// <summary>
/// Source-generated JSON for the backup file (NativeAOT has no reflection serializer). Nulls where
/// the record has none (`"ranges": null`) are refused while reading, with their line.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(RangeBackup))]
internal sealed partial class RangeBackupJsonContext : JsonSerializerContext;
