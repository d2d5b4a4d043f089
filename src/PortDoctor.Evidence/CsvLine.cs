namespace PortDoctor.Evidence;

/// <summary>One line of CSV as Export-Csv and Event Viewer write it: quoted fields, "" for a quote.</summary>
internal static class CsvLine
{
    /// <summary>
    /// The separator of a header row: whichever of ',', ';' (Export-Csv -UseCulture in many European
    /// locales) and a tab (Event Viewer's text export, spreadsheet copies) occurs most outside quotes; ',' when none does.
    /// </summary>
    public static char SeparatorOf(ReadOnlySpan<char> header)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var quoted = false;
        foreach (var c in header)
        {
            quoted ^= c == '"';
            if (!quoted)
            {
                comma += c == ',' ? 1 : 0;
                semicolon += c == ';' ? 1 : 0;
                tab += c == '\t' ? 1 : 0;
            }
        }

        return tab > 0 && tab >= comma && tab >= semicolon ? '\t' : semicolon > comma ? ';' : ',';
    }

    public static List<string> Split(ReadOnlySpan<char> line, char separator = ',')
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
