using System.Text.Json;

namespace PortDoctor.Cli.Output;

/// <summary>Writes the document's JSON payload, indented, with a final newline.</summary>
internal sealed class JsonOutputWriter(TextWriter output) : IOutputWriter
{
    public void Write<T>(OutputDocument<T> document)
    {
        ArgumentNullException.ThrowIfNull(document);
        output.Write(JsonSerializer.Serialize(document.JsonPayload, document.JsonType));
        output.WriteLine();
    }
}
