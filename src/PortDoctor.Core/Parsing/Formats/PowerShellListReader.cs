using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>Reads Format-List records; see <see cref="PowerShellListFormat"/>.</summary>
internal sealed class PowerShellListReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private readonly KeyValueRecords _records;
    private long _rows;
    private long _withOwner;

    public PowerShellListReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
        _records = new KeyValueRecords(OnRecord);
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        if (PromptLine.Is(line))
        {
            // "PS C:\> Get-NetTCPConnection | fl" pasted above the records.
            _records.Flush();
            return;
        }

        if (!_records.Line(line, number))
        {
            _collector.Unreadable(number);
        }
    }

    public void Finish()
    {
        _records.Flush();
        _collector.EndSnapshot();
        if (_rows > 0 && _withOwner == 0)
        {
            _collector.Note("no OwningProcess values: per-process attribution unavailable");
        }
    }

    private void OnRecord(IReadOnlyDictionary<string, string> record, long line)
    {
        if (!PowerShellConnection.TryCreate(k => record.TryGetValue(k, out var v) ? v : null, _endpoints, out var entry))
        {
            _collector.Unreadable(line);
            return;
        }

        _rows++;
        _withOwner += record.ContainsKey(PowerShellConnection.OwningProcess) ? 1 : 0;
        _collector.AddSocket(entry!, PowerShellConnection.Owner(entry!));
    }
}
