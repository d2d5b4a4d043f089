namespace PortDoctor.Evidence.Processes;

/// <summary>Reads Get-Process output; see <see cref="GetProcessFormat"/>.</summary>
internal sealed class GetProcessReader : IEvidenceLineReader
{
    private static readonly string[] HandleLabels = ["Handles", "HandleCount"];
    private static readonly string[] NameLabels = ["ProcessName", "Name"];
    private readonly EvidenceCollector _collector;
    private readonly KeyValueRecords _list;
    private string? _header;
    private List<(int Start, int End, string Label)>? _table;
    private (int Id, int Handles, int Name)? _csv;
    private char _separator = ',';
    private bool _sawHandles;

    public GetProcessReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
        _list = new KeyValueRecords((record, number) => Add(
            record.GetValueOrDefault("Id"), First(record, HandleLabels), First(record, NameLabels), number));
    }

    /// <summary>The default table's header: labels only, with Id and ProcessName among them.</summary>
    public static bool IsTableHeader(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Contains("Id") && words.Contains("ProcessName") && !line.Contains(':', StringComparison.Ordinal) && !line.Contains(',', StringComparison.Ordinal);
    }

    /// <summary>The cells of Id, Handles (or -1) and the name in an Export-Csv header; null when the line is none.</summary>
    public static (int Id, int Handles, int Name)? CsvColumns(string line)
    {
        if (!line.Contains(',', StringComparison.Ordinal) && !line.Contains(';', StringComparison.Ordinal))
        {
            return null;
        }

        var cells = CsvLine.Split(line, CsvLine.SeparatorOf(line)).Select(c => c.Trim()).ToList();
        var id = cells.IndexOf("Id");
        var name = NameLabels.Select(l => cells.IndexOf(l)).FirstOrDefault(i => i >= 0, -1);
        var handles = HandleLabels.Select(l => cells.IndexOf(l)).FirstOrDefault(i => i >= 0, -1);
        return id >= 0 && name >= 0 && handles >= 0 ? (id, handles, name) : null;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var text = line.ToString();
        if (text.Trim().Length == 0 || PastedMarkup.IsNoise(text))
        {
            _list.Line(line, number);
            return;
        }

        if (text.StartsWith('#') || PromptLine.Is(text))
        {
            return;
        }

        if (_csv is null && _table is null && CsvColumns(text) is { } columns)
        {
            (_csv, _separator) = (columns, CsvLine.SeparatorOf(text));
        }
        else if (IsTableHeader(text))
        {
            (_header, _table) = (text, null);
        }
        else if (_header is not null && _table is null && text.TrimStart().StartsWith("--", StringComparison.Ordinal))
        {
            _table = [.. DashedColumns.Of(text).Select(c => (c.Start, c.End, DashedColumns.Label(_header, c)))];
        }
        else if (_csv is { } csv)
        {
            var cells = CsvLine.Split(line, _separator);
            string? Cell(int i) => i < cells.Count ? cells[i] : null;
            Add(Cell(csv.Id), Cell(csv.Handles), Cell(csv.Name), number);
        }
        else if (_table is not null)
        {
            TableRow(text, number);
        }
        else if (!_list.Line(line, number))
        {
            _collector.Unreadable(number);
        }
    }

    public void Finish()
    {
        _list.Flush();
        _collector.Note(new Note(_sawHandles ? NoteKind.ProcessListWithHandles : NoteKind.ProcessListNamesOnly));
    }

    /// <summary>
    /// Numbers are right-aligned under their label, so a cell is the token ending in its column;
    /// the name (last column, left-aligned) is the rest of the line and may hold spaces ("Memory Compression").
    /// </summary>
    private void TableRow(string text, long number)
    {
        var columns = _table!;
        var nameStart = columns[^1].Start;
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (start, end) in Tokens(text))
        {
            if (start >= nameStart)
            {
                break;
            }

            var column = columns.FindIndex(c => c.End >= end);
            if (column >= 0 && column < columns.Count - 1)
            {
                cells[columns[column].Label] = text[start..end];
            }
        }

        var name = nameStart < text.Length ? text[nameStart..] : null;
        Add(cells.GetValueOrDefault("Id"), cells.GetValueOrDefault("Handles"), name, number);
    }

    private void Add(string? id, string? handles, string? name, long number)
    {
        if (!ListedProcess.TryCreate(id, handles, name, out var process, out _))
        {
            _collector.Unreadable(number);
            return;
        }

        if (process is not null)
        {
            _sawHandles |= process.HandleCount is not null;
            _collector.ListedProcesses.Add(process);
        }
    }

    private static string? First(IReadOnlyDictionary<string, string> record, string[] keys) =>
        keys.Select(record.GetValueOrDefault).FirstOrDefault(v => v is not null);

    private static IEnumerable<(int Start, int End)> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            var start = i;
            while (i < text.Length && text[i] != ' ')
            {
                i++;
            }

            if (i > start)
            {
                yield return (start, i);
            }
        }
    }
}
