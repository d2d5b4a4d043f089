using System.Text.Json;
using System.Text.Json.Serialization;
using PortDoctor.HealthChecks;

namespace HealthChecksSample;

/// <summary>Source-generated JSON (NativeAOT has no reflection serializer); the data's value types are listed.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthBody))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(PortHolder[]))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
