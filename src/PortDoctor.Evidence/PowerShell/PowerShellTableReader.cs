namespace PortDoctor.Evidence.PowerShell;

/// <summary>Reads the table; see <see cref="PowerShellTableFormat"/>.</summary>
internal sealed class PowerShellTableReader : IEvidenceLineReader
{
    /// <summary>The columns a socket is built from: a cut cell in one of them makes the row unreadable.</summary>
    private static readonly string[] ReadColumns =
    [
        PowerShellConnection.LocalAddress, PowerShellConnection.LocalPort, PowerShellConnection.RemoteAddress,
        PowerShellConnection.RemotePort, PowerShellConnection.State, PowerShellConnection.OwningProcess, PowerShellConnection.ProcessName,
    ];

    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _header = [];
    private List<(int Start, int End)>? _columns;
    private string[] _cells = [];
    private bool _sawOwner;
    private long _rows;

    public PowerShellTableReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        if (line.Trim().IsEmpty || PromptLine.Is(line) || PastedMarkup.IsNoise(line))
        {
            return;
        }

        var text = line.ToString();
        if (text.Contains(PowerShellConnection.LocalAddress, StringComparison.Ordinal) && text.Contains(PowerShellConnection.State, StringComparison.Ordinal))
        {
            _header.Clear();
            _header.Add(text);
            _columns = null;
            return;
        }

        if (_header.Count > 0 && _columns is null)
        {
            if (text.TrimStart().StartsWith("---", StringComparison.Ordinal))
            {
                SetColumns(text);
                return;
            }

            if (_header.Count == 1)
            {
                // The rest of a label wrapped by a narrow console ("OwningPr" then "ocess").
                _header.Add(text);
                return;
            }
        }

        if (_columns is null)
        {
            _collector.Unreadable(number);
            return;
        }

        Array.Fill(_cells, "");
        foreach (var (start, end) in Tokens(text))
        {
            _cells[ColumnOf(start, end)] = text[start..end];
        }

        if (!PowerShellConnection.TryCreate(Cell, _endpoints, out var entry) || ReadColumns.Any(c => IsCut(Cell(c))))
        {
            // A cell the console cut ("2001:db8:...72...") in a column we read; other columns (a
            // computed process path, CimInstanceProperties) may be cut without harm.
            _collector.Unreadable(number);
            return;
        }

        _rows++;
        _collector.AddSocket(entry!, PowerShellConnection.Owner(entry!));
    }

    public void Finish()
    {
        _collector.EndLastSnapshot();
        if (_rows > 0 && !_sawOwner)
        {
            _collector.Note(new Note(NoteKind.NoOwningProcessColumn));
        }

        if (_collector.UnreadableCount > 0)
        {
            _collector.Note(new Note(NoteKind.TableCellsCut));
        }
    }

    private static bool IsCut(string? cell) => cell is not null && (cell.EndsWith("...", StringComparison.Ordinal) || cell.EndsWith('…'));

    private string? Cell(string name) => _index.TryGetValue(name, out var i) ? _cells[i] : null;

    /// <summary>
    /// The dashes are as wide as the header label, not the column: a left-aligned value starts
    /// where its dashes start, a right-aligned number ends where they end; anything else belongs to
    /// the last column starting at or before it.
    /// </summary>
    private int ColumnOf(int start, int end)
    {
        var fallback = 0;
        for (var c = 0; c < _columns!.Count; c++)
        {
            if (_columns[c].Start == start || _columns[c].End == end)
            {
                return c;
            }

            if (_columns[c].Start <= start)
            {
                fallback = c;
            }
        }

        return fallback;
    }

    private static IEnumerable<(int Start, int End)> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                yield return (start, i);
            }
        }
    }

    private void SetColumns(string dashes)
    {
        _columns = DashedColumns.Of(dashes);
        _cells = new string[_columns.Count];
        _index.Clear();
        for (var c = 0; c < _columns.Count; c++)
        {
            _index[string.Concat(_header.Select(h => DashedColumns.Label(h, _columns[c])))] = c;
        }

        _sawOwner |= _index.ContainsKey(PowerShellConnection.OwningProcess);
    }
}
