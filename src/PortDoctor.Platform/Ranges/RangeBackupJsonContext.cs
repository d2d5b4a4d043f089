using System.Text.Json.Serialization;

namespace PortDoctor.Platform.Ranges;

/// <summary>Source-generated JSON for the backup file (NativeAOT has no reflection serializer).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RangeBackup))]
internal sealed partial class RangeBackupJsonContext : JsonSerializerContext;
