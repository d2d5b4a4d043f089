using System.Text;
using PortDoctor.Evidence.FastPath;

namespace PortDoctor.Evidence.Events;

/// <summary>
/// "Key: value" event records: <c>wevtutil qe /f:text</c> ("Event[0]:", "Event ID: 4231",
/// "Description:" then the message lines), Event Viewer's "Copy details as text" and its General
/// tab ("Log Name:", "Logged:", the description above the fields), <c>Get-WinEvent | Format-List</c>
/// ("Id : 4231") and <c>Get-EventLog | Format-List</c> ("InstanceId : 2147487875", "TimeGenerated").
/// Labels in the display language: German as seen in Microsoft's docs and forum posts
/// ("Protokollname", "Quelle", "Datum", "Ereignis-ID", "Beschreibung"); the other languages' labels
/// are Windows' translations and unconfirmed by a public sample (docs/formats.md).
/// </summary>
internal sealed class EventListFormat : IEvidenceFormat
{
    private static readonly string[] IdKeys =
    [
        "Event ID", "EventID", "Id", "InstanceId", "Ereignis-ID", "ID de l'événement", "ID de l\u2019événement", "Id. del evento", "Id. de evento",
        "ID do Evento", "Identificação do Evento", "ID evento", "Identyfikator zdarzenia", "Код события", "イベント ID", "事件 ID", "이벤트 ID", "Gebeurtenis-id",
    ];

    private static readonly string[] TimeKeys =
    [
        "Date", "Logged", "TimeCreated", "TimeGenerated", "TimeWritten", "Datum", "Protokolliert", "Fecha", "Registrado", "Connecté", "Дата", "日付", "ログの日付",
        "日期", "已记录", "날짜", "기록된 날짜", "Data",
    ];

    private static readonly string[] SourceKeys =
        ["Source", "ProviderName", "Quelle", "Origen", "Источник", "Origine", "Fonte", "Źródło", "ソース", "来源", "원본", "Bron"];

    private static readonly string[] MessageKeys =
        ["Description", "Message", "Beschreibung", "Descripción", "Описание", "Descrizione", "Descrição", "Opis", "説明", "描述", "설명", "Beschrijving"];

    public string Name => "events-list";

    public string Description => "Tcpip 4227/4231 events: wevtutil qe /f:text, Get-WinEvent | Format-List";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var ids = sample.Count(l => KeyValueRecords.TrySplit(l, out var k, out _) && IdKeys.Contains(k, StringComparer.OrdinalIgnoreCase));
        var times = sample.Count(l => KeyValueRecords.TrySplit(l, out var k, out _) && TimeKeys.Contains(k, StringComparer.OrdinalIgnoreCase));
        var others = sample.Count(l => KeyValueRecords.TrySplit(l, out var k, out _) &&
            (SourceKeys.Contains(k, StringComparer.OrdinalIgnoreCase) || MessageKeys.Contains(k, StringComparer.OrdinalIgnoreCase)));

        // An excerpt without its Date line is still an event record (its time is then the file's).
        return ids == 0 ? 0 : times > 0 ? 90 : others > 0 ? 80 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new UncoloredLines(new EventListReader(collector));

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
    private sealed class EventListReader : IPlainAsciiLineReader, IShapedLineReader, IShapedBatchReader<ContinuationRow, ContinuationRow.Parser>
    {
        private readonly EvidenceCollector _collector;
        private readonly TcpipEvents _events;
        private readonly KeyValueRecords _records;
        private readonly List<long> _preambleLines = [];
        private string? _preamble;
        private bool _sawRecord;

        public EventListReader(EvidenceCollector collector)
        {
            _collector = collector;
            _collector.Os = OsKind.Windows;
            _events = new TcpipEvents(collector);
            _records = new KeyValueRecords(OnRecord);
        }

        /// <summary>
        /// A plain ASCII continuation line of a value (a message wrapped over many lines) straight
        /// from its bytes. A record title ends with "]:" and a prompt has a '>': such lines are never taken.
        /// </summary>
        public bool TryLine(ReadOnlySpan<byte> line, long number) => TryLine(line, AsciiLineShape.Of(line), number);

        /// <summary><see cref="TryLine(ReadOnlySpan{byte}, long)"/> of a line whose shape the line cutter found.</summary>
        public bool TryLine(ReadOnlySpan<byte> line, in AsciiLineShape shape, long number)
        {
            return shape.LastField >= 0 && line[shape.LastField] != (byte)':' && !shape.HasPrompt && _records.TryContinuation(line, shape);
        }

        /// <summary>
        /// On the reading thread: the continuation lines the chunk workers found, appended in file order;
        /// one that comes with no open value is read as Line reads it (a plain line: uncoloured already).
        /// </summary>
        public void AcceptRows(ReadOnlySpan<ContinuationRow> rows, long firstNumber, ReadOnlySpan<byte> chunk)
        {
            for (var k = 0; k < rows.Length; k++)
            {
                var row = rows[k];
                if (!_records.TryAppendContinuation(chunk.Slice(row.PieceStart, row.PieceLength)))
                {
                    Line(Encoding.ASCII.GetString(chunk.Slice(row.LineStart, row.LineLength)), firstNumber + k);
                }
            }
        }

        public void Line(ReadOnlySpan<char> line, long number)
        {
            var trimmed = line.Trim();
            if (IsRecordTitle(trimmed) || PromptLine.Is(trimmed))
            {
                _records.Flush();
                return;
            }

            // wevtutil's message lines follow "Description:" without indentation.
            if (_records.Line(line, number))
            {
                return;
            }

            // Event Viewer's General tab shows the description above the fields: held for the
            // first record, which has no Description line of its own then.
            if (!_sawRecord && _preamble is null or { Length: < 8192 })
            {
                _preamble = _preamble is null ? trimmed.ToString() : string.Concat(_preamble, " ", trimmed);
                _preambleLines.Add(number);
                return;
            }

            _collector.Unreadable(number);
        }

        public void Finish()
        {
            _records.Flush();
            foreach (var number in _preambleLines)
            {
                // Text before the first record that no record took as its description.
                _collector.Unreadable(number);
            }

            _events.Finish();
        }

        /// <summary>wevtutil's "Event[0]:" line, in any language ("Ereignis[0]:", "Événement[0]:").</summary>
        private static bool IsRecordTitle(ReadOnlySpan<char> trimmed)
        {
            var open = trimmed.IndexOf('[');
            return open > 0 && trimmed.EndsWith("]:") && open + 3 < trimmed.Length && !trimmed[(open + 1)..^2].ContainsAnyExceptInRange('0', '9');
        }

        private void OnRecord(IReadOnlyDictionary<string, string> record, long line)
        {
            _sawRecord = true;
            var id = Pick(record, IdKeys);
            if (id is null && record.Count <= 2)
            {
                return;
            }

            var message = Pick(record, MessageKeys);
            if (string.IsNullOrWhiteSpace(message) && _preamble is not null)
            {
                message = _preamble;
                _preamble = null;
                _preambleLines.Clear();
            }

            if (!_events.Add(id, Pick(record, TimeKeys), Pick(record, SourceKeys), message))
            {
                _collector.Unreadable(line);
            }
        }
    }
}
