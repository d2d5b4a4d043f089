using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>Reads the table; see <see cref="EventPsTableFormat"/>.</summary>
internal sealed class EventPsTableReader : IEvidenceLineReader
{
    private const string ProviderKey = "ProviderName:";
    private readonly EvidenceCollector _collector;
    private readonly TcpipEvents _events;
    private string? _header;
    private string? _provider;
    private int _idEnd = -1;
    private int _messageStart = -1;

    public EventPsTableReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
        _events = new TcpipEvents(collector);
    }

    internal static bool IsHeader(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("TimeCreated", StringComparison.Ordinal) && trimmed.Contains(" Id ", StringComparison.Ordinal) &&
            trimmed.Contains("Message", StringComparison.Ordinal);
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var trimmed = line.Trim();
        if (trimmed.IsEmpty || trimmed.StartsWith("PS ") && trimmed.Contains('>'))
        {
            return;
        }

        var text = line.ToString();
        if (trimmed.StartsWith(ProviderKey, StringComparison.Ordinal))
        {
            _provider = trimmed[ProviderKey.Length..].Trim().ToString();
            return;
        }

        if (IsHeader(text))
        {
            _header = text;
            _idEnd = -1;
            return;
        }

        if (_header is not null && _idEnd < 0 && trimmed.StartsWith("---"))
        {
            SetColumns(text);
            return;
        }

        if (_idEnd < 0 || !TryRow(text, out var time, out var id, out var message) || !_events.Add(id, time, _provider, message))
        {
            _collector.Unreadable(number);
        }
    }

    public void Finish() => _events.Finish();

    /// <summary>
    /// Id is right-aligned under its dashes, so the token ending where they end is the id and
    /// everything before it the time (which may be wider than its own dashes).
    /// </summary>
    private bool TryRow(string text, out string time, out string id, out string message)
    {
        time = id = message = "";
        if (text.Length < _idEnd || _idEnd == 0 || char.IsWhiteSpace(text[_idEnd - 1]) || (text.Length > _idEnd && !char.IsWhiteSpace(text[_idEnd])))
        {
            return false;
        }

        var start = _idEnd;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        id = text[start.._idEnd];
        time = text[..start].Trim();
        message = _messageStart >= 0 && text.Length > _messageStart ? text[_messageStart..].Trim() : "";
        return time.Length > 0;
    }

    private void SetColumns(string dashes)
    {
        foreach (var column in DashedColumns.Of(dashes))
        {
            var label = DashedColumns.Label(_header!, column);
            if (label == "Id")
            {
                _idEnd = column.End;
            }
            else if (label == "Message")
            {
                _messageStart = column.Start;
            }
        }
    }
}
