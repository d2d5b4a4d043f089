namespace PortDoctor.Evidence.Events;

/// <summary>
/// Reads the table; see <see cref="EventPsTableFormat"/>. Columns are found by their labels, in
/// any order: the id (right-aligned: the token ending where its dashes end), the time, the source
/// and the message (left-aligned: from their dashes to the next column). A line blank up to the
/// message column continues the message (<c>Format-Table -Wrap</c>); an event is added once its
/// message is complete.
/// </summary>
internal sealed class EventPsTableReader : IEvidenceLineReader
{
    private const string ProviderKey = "ProviderName:";
    private static readonly string[] TimeLabels = ["TimeCreated", "Time", "TimeGenerated", "TimeWritten"];
    private static readonly string[] IdLabels = ["Id", "InstanceID", "EventID"];
    private static readonly string[] SourceLabels = ["ProviderName", "Source"];
    private readonly EvidenceCollector _collector;
    private readonly TcpipEvents _events;
    private string? _header;
    private string? _provider;
    private List<(int Start, int End, string Label)> _columns = [];
    private (string Time, string Id, string? Source, JoinedText Message, long Line)? _pending;

    public EventPsTableReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
        _events = new TcpipEvents(collector);
    }

    /// <summary>A header with a time, an id and a Message label (Get-WinEvent, Get-EventLog, Select-Object subsets).</summary>
    internal static bool IsHeader(string line)
    {
        var labels = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return labels.Contains("Message", StringComparer.Ordinal) &&
            labels.Any(l => TimeLabels.Contains(l, StringComparer.OrdinalIgnoreCase)) &&
            labels.Any(l => IdLabels.Contains(l, StringComparer.OrdinalIgnoreCase));
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var trimmed = line.Trim();
        if (trimmed.IsEmpty || PromptLine.Is(trimmed) || PastedMarkup.IsNoise(trimmed))
        {
            Complete();
            return;
        }

        var text = line.ToString();
        if (trimmed.StartsWith(ProviderKey, StringComparison.Ordinal))
        {
            Complete();
            _provider = trimmed[ProviderKey.Length..].Trim().ToString();
            return;
        }

        if (IsHeader(text))
        {
            Complete();
            _header = text;
            _columns = [];
            return;
        }

        if (_header is not null && _columns.Count == 0 && trimmed.StartsWith("---"))
        {
            _columns = [.. DashedColumns.Of(text).Select(c => (c.Start, c.End, DashedColumns.Label(_header, c)))];
            return;
        }

        if (_pending is { } open && IsContinuation(text))
        {
            open.Message.Append(trimmed);
            return;
        }

        Complete();
        if (!TryRow(text, out var time, out var id, out var source, out var message))
        {
            _collector.Unreadable(number);
            return;
        }

        _pending = (time, id, source ?? _provider, new JoinedText(message), number);
    }

    public void Finish()
    {
        Complete();
        _events.Finish();
    }

    private void Complete()
    {
        if (_pending is { } done && !_events.Add(done.Id, done.Time, done.Source, done.Message.ToString()))
        {
            _collector.Unreadable(done.Line);
        }

        _pending = null;
    }

    private bool IsContinuation(string text)
    {
        var message = Column(["Message"]);
        return message >= 0 && text.Length > _columns[message].Start && string.IsNullOrWhiteSpace(text[.._columns[message].Start]);
    }

    private int Column(string[] labels) => _columns.FindIndex(c => labels.Contains(c.Label, StringComparer.OrdinalIgnoreCase));

    private bool TryRow(string text, out string time, out string id, out string? source, out string message)
    {
        time = id = message = "";
        source = null;
        int idColumn = Column(IdLabels), timeColumn = Column(TimeLabels);
        if (idColumn < 0 || timeColumn < 0)
        {
            return false;
        }

        // The id is right-aligned under its dashes: the token ending where they end.
        var idEnd = _columns[idColumn].End;
        if (text.Length < idEnd || idEnd == 0 || char.IsWhiteSpace(text[idEnd - 1]) || (text.Length > idEnd && !char.IsWhiteSpace(text[idEnd])))
        {
            return false;
        }

        var idStart = idEnd;
        while (idStart > 0 && !char.IsWhiteSpace(text[idStart - 1]))
        {
            idStart--;
        }

        id = text[idStart..idEnd];
        time = Cell(text, timeColumn, idColumn, idStart);
        var sourceColumn = Column(SourceLabels);
        source = sourceColumn >= 0 ? Cell(text, sourceColumn, idColumn, idStart) : null;
        var messageColumn = Column(["Message"]);
        message = messageColumn >= 0 ? Cell(text, messageColumn, idColumn, idStart) : "";
        return time.Length > 0;
    }

    /// <summary>A left-aligned cell: from its column's start to the next column (or to the id when that comes next).</summary>
    private string Cell(string text, int column, int idColumn, int idStart)
    {
        var start = _columns[column].Start;
        var end = column + 1 == _columns.Count ? text.Length : column + 1 == idColumn ? idStart : _columns[column + 1].Start;
        start = Math.Min(start, text.Length);
        end = Math.Clamp(end, start, text.Length);
        return text[start..end].Trim();
    }
}
