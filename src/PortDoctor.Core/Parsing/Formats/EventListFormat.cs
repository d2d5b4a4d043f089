using PortDoctor.Core.Model;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>
/// "Key: value" event records: <c>wevtutil qe /f:text</c> ("Event[0]:", "Event ID: 4231",
/// "Description:" then the message lines) and <c>Get-WinEvent | Format-List</c> ("Id : 4231").
/// </summary>
public sealed class EventListFormat : IEvidenceFormat
{
    private static readonly string[] IdKeys = ["Event ID", "Id", "EventID", "Ereignis-ID", "ID de l'événement", "Id. del evento", "Код события"];
    private static readonly string[] TimeKeys = ["Date", "TimeCreated", "Datum", "Fecha", "Дата"];
    private static readonly string[] SourceKeys = ["Source", "ProviderName", "Quelle", "Origen", "Источник"];
    private static readonly string[] MessageKeys = ["Description", "Message", "Beschreibung", "Descripción", "Описание"];

    public string Name => "events-list";

    public string Description => "Tcpip 4227/4231 events: wevtutil qe /f:text, Get-WinEvent | Format-List";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var ids = sample.Count(l => KeyValueRecords.TrySplit(l, out var k, out _) && IdKeys.Contains(k, StringComparer.OrdinalIgnoreCase));
        var times = sample.Count(l => KeyValueRecords.TrySplit(l, out var k, out _) && TimeKeys.Contains(k, StringComparer.OrdinalIgnoreCase));
        return ids > 0 && times > 0 ? 90 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new EventListReader(collector);

    internal static string? Pick(IReadOnlyDictionary<string, string> record, string[] keys)
    {
        foreach (var key in keys)
        {
            if (record.TryGetValue(key, out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Reads the records; see <see cref="EventListFormat"/>.</summary>
    private sealed class EventListReader : IEvidenceLineReader
    {
        private readonly EvidenceCollector _collector;
        private readonly TcpipEvents _events;
        private readonly KeyValueRecords _records;

        public EventListReader(EvidenceCollector collector)
        {
            _collector = collector;
            _collector.Os = OsKind.Windows;
            _events = new TcpipEvents(collector);
            _records = new KeyValueRecords(OnRecord);
        }

        public void Line(ReadOnlySpan<char> line, long number)
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("Event[") || trimmed.StartsWith("Ereignis["))
            {
                _records.Flush();
                return;
            }

            // wevtutil's message lines follow "Description:" without indentation.
            if (!_records.Line(line, number))
            {
                _collector.Unreadable(number);
            }
        }

        public void Finish()
        {
            _records.Flush();
            _events.Finish();
        }

        private void OnRecord(IReadOnlyDictionary<string, string> record, long line)
        {
            var id = Pick(record, IdKeys);
            if (id is null && record.Count <= 2)
            {
                return;
            }

            if (!_events.Add(id, Pick(record, TimeKeys), Pick(record, SourceKeys), Pick(record, MessageKeys)))
            {
                _collector.Unreadable(line);
            }
        }
    }
}
