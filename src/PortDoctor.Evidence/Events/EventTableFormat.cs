namespace PortDoctor.Evidence.Events;

/// <summary>
/// Tabular event exports: <c>Get-WinEvent | Export-Csv</c> ("Id", "TimeCreated", "ProviderName",
/// "Message") and Event Viewer's "Save as" CSV or tab-separated text ("Level", "Date and Time",
/// "Source", "Event ID", "Task Category", then the description), and <c>Get-EventLog | Export-Csv</c>
/// ("EventID", "InstanceId", "TimeGenerated", with or without the "#TYPE" line).
/// </summary>
internal sealed class EventTableFormat : IEvidenceFormat
{
    private static readonly string[] IdColumns = ["Id", "Event ID", "EventID", "Ereignis-ID", "Id. del evento", "Код события", "ID de l'événement", "InstanceId"];

    // Get-EventLog | Export-Csv names the time TimeGenerated (its columns as in Microsoft's Get-EventLog help).
    private static readonly string[] TimeColumns =
        ["TimeCreated", "TimeGenerated", "Date and Time", "Datum und Uhrzeit", "Fecha y hora", "Date et heure", "Дата и время", "TimeWritten"];
    private static readonly string[] SourceColumns = ["ProviderName", "Source", "Quelle", "Origen", "Источник"];
    private static readonly string[] MessageColumns = ["Message", "Description", "Beschreibung", "Descripción", "Описание"];

    public string Name => "events-table";

    public string Description => "Tcpip 4227/4231 events: Get-WinEvent | Export-Csv, Event Viewer CSV or tab-separated text";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var header = sample.NonBlank.FirstOrDefault(l => !l.StartsWith('#'));
        if (header is null)
        {
            return 0;
        }

        var cells = CsvLine.Split(header, CsvLine.SeparatorOf(header)).Select(c => c.Trim()).ToList();
        return cells.Any(c => IdColumns.Contains(c, StringComparer.OrdinalIgnoreCase)) &&
            cells.Any(c => TimeColumns.Contains(c, StringComparer.OrdinalIgnoreCase)) ? 95 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new EventTableReader(collector);

    /// <summary>Reads the rows; see <see cref="EventTableFormat"/>.</summary>
    private sealed class EventTableReader : IEvidenceLineReader
    {
        private readonly EvidenceCollector _collector;
        private readonly TcpipEvents _events;
        private Dictionary<string, int>? _columns;
        private char _separator = ',';

        public EventTableReader(EvidenceCollector collector)
        {
            _collector = collector;
            _collector.Os = OsKind.Windows;
            _events = new TcpipEvents(collector);
        }

        public void Line(ReadOnlySpan<char> line, long number)
        {
            if (line.Trim().IsEmpty || line.StartsWith("#"))
            {
                return;
            }

            if (_columns is null)
            {
                _separator = CsvLine.SeparatorOf(line);
                _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                var header = CsvLine.Split(line, _separator);
                for (var i = 0; i < header.Count; i++)
                {
                    _columns.TryAdd(header[i].Trim(), i);
                }

                return;
            }

            var cells = CsvLine.Split(line, _separator);
            string? Cell(string[] names)
            {
                foreach (var name in names)
                {
                    if (_columns.TryGetValue(name, out var i) && i < cells.Count)
                    {
                        return cells[i];
                    }
                }

                return null;
            }

            // Event Viewer's text export puts the description after the named columns.
            var message = Cell(MessageColumns) ?? (cells.Count > _columns.Count ? cells[^1] : null);
            if (!_events.Add(Cell(IdColumns), Cell(TimeColumns), Cell(SourceColumns), message))
            {
                _collector.Unreadable(number);
            }
        }

        public void Finish() => _events.Finish();
    }
}
