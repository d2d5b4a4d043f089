using System.Text.Json;

namespace PortDoctor.Cli.Output;

/// <summary>Writes the document's JSON payload, indented, with a final newline.</summary>
internal sealed class JsonOutputWriter(TextWriter output, Stream? rawOutput) : IOutputWriter
{
    public void Write<T>(OutputDocument<T> document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (rawOutput is null)
        {
            output.Write(JsonSerializer.Serialize(document.JsonPayload, document.JsonType));
            output.WriteLine();
            return;
        }

        // 40,000 sockets are ~12 MB of JSON: serialise as UTF-8 into the stream, no string between
        // (the serialiser buffers and writes in large chunks itself.)
        output.Flush();
        JsonSerializer.Serialize(rawOutput, document.JsonPayload, document.JsonType);
        rawOutput.WriteByte((byte)'\n');
        rawOutput.Flush();
    }
}
