using System.Text.Json.Serialization.Metadata;

namespace PortDoctor.Cli.Output;

/// <summary>
/// One result in every format: rows and columns for table and CSV, and the documented JSON
/// payload (with its source-generated type info) for JSON. Writers only print it.
/// </summary>
internal sealed record OutputDocument<T>(IReadOnlyList<OutputColumn<T>> Columns, IReadOnlyList<T> Rows, object JsonPayload, JsonTypeInfo JsonType)
{
    /// <summary>Printed above the table only.</summary>
    public string? Title { get; init; }

    /// <summary>Shown under the table only, e.g. "1,204 sockets".</summary>
    public string? Caption { get; init; }
}
