namespace PortDoctor.Evidence.PowerShell;

/// <summary>Reads the CSV; see <see cref="PowerShellCsvFormat"/>.</summary>
internal sealed class PowerShellCsvReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private Dictionary<string, int>? _columns;
    private char _separator = ',';

    public PowerShellCsvReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        if (line.Trim().IsEmpty || line.StartsWith("#TYPE") || line.StartsWith("#"))
        {
            return;
        }

        if (_columns is null)
        {
            _separator = Separator(line) ?? ',';
        }

        var cells = CsvLine.Split(line, _separator);
        if (_columns is null)
        {
            _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < cells.Count; i++)
            {
                _columns.TryAdd(cells[i].Trim(), i);
            }

            return;
        }

        string? Cell(string name) => _columns.TryGetValue(name, out var i) && i < cells.Count ? cells[i] : null;
        if (!PowerShellConnection.TryCreate(Cell, _endpoints, out var entry))
        {
            _collector.Unreadable(number);
            return;
        }

        _collector.AddSocket(entry!, PowerShellConnection.Owner(entry!));
    }

    /// <summary>The separator next to the LocalAddress label of a header row (",", ";" or a tab); null when the line is no such header.</summary>
    public static char? Separator(ReadOnlySpan<char> header)
    {
        var at = header.IndexOf(PowerShellConnection.LocalAddress, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var after = at + PowerShellConnection.LocalAddress.Length;
        after += after < header.Length && header[after] == '"' ? 1 : 0;
        var before = at - (at > 0 && header[at - 1] == '"' ? 2 : 1);
        return after < header.Length && header[after] is ',' or ';' or '\t' ? header[after]
            : before >= 0 && header[before] is ',' or ';' or '\t' ? header[before]
            : null;
    }

    public void Finish()
    {
        _collector.EndLastSnapshot();
        if (_columns is not null && !_columns.ContainsKey(PowerShellConnection.OwningProcess))
        {
            _collector.Note(new Note(NoteKind.NoOwningProcessColumn));
        }
    }
}
