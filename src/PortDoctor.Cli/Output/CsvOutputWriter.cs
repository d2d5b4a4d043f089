using System.Text;

namespace PortDoctor.Cli.Output;

/// <summary>RFC 4180 CSV: a header row, "\n" line ends, fields quoted only when they must be.</summary>
internal sealed class CsvOutputWriter(TextWriter output) : IOutputWriter
{
    public void Write<T>(OutputDocument<T> document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var line = new StringBuilder();
        AppendRow(line, document.Columns.Select(c => c.Header));
        foreach (var row in document.Rows)
        {
            AppendRow(line, document.Columns.Select(c => c.Value(row)));
        }

        output.Write(line.ToString());
    }

    public static string Escape(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return "";
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void AppendRow(StringBuilder line, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(',');
            }

            line.Append(Escape(field));
            first = false;
        }

        line.Append('\n');
    }
}
