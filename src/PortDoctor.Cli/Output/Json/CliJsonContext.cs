using System.Text.Encodings.Web;
using System.Text.Json;
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
[JsonSerializable(typeof(DiagnoseJson))]
[JsonSerializable(typeof(AllNamespacesJson))]
[JsonSerializable(typeof(LabJson))]
[JsonSerializable(typeof(TraceJson))]
[JsonSerializable(typeof(BundleManifestJson))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(History.HistoryJson))]
[JsonSerializable(typeof(Report.ReportJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same options as the attribute, but with quotes and non-ASCII written as
    /// themselves ("app \"v2\"", "café") rather than \u0022 escapes: output is never embedded in HTML.
    /// </summary>
    public static CliJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
