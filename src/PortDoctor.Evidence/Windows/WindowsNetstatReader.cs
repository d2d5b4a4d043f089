using System.Globalization;
using System.Text;

namespace PortDoctor.Evidence.Windows;

/// <summary>
/// Reads netstat rows, the -b lines after them ("[exe]", a service name, or the localized
/// "Can not obtain ownership information"), localized headers, and timestamp lines that start a
/// new snapshot. Rows are kept as numbers per block (<see cref="NetstatBlock"/>): each block is
/// handed on as counts, and only the latest one is ever built into sockets. The common row is
/// parsed by the pure <see cref="NetstatRowParser"/>, so a large log's chunks can be parsed on
/// several cores (<see cref="IBatchLineReader{TRow}"/>).
/// </summary>
internal sealed class WindowsNetstatReader : IBatchLineReader<NetstatRow>
{
    private static readonly string[] ColumnHeaderStarts =
    [
        "Proto", "Protokoll", "Protokół", "Protocole", "Protocolo", "Protocollo", "Protokol", "Имя", "Прото", "Протокол",
        "プロトコル", "协议", "協定", "프로토콜",
    ];

    private const int MaxUnknownSpellings = 10;
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private readonly StateSpellings _states = new();
    private readonly LogTimestamp _timestamps = new();
    private readonly WindowsNetstatAsciiRow _asciiRows;
    private readonly List<string> _services = [];
    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _nameIds = new(StringComparer.Ordinal);
    private NetstatBlock _current;
    private NetstatBlock? _latest;
    private DateTimeOffset _latestTime;
    private bool _blockOpen;
    private bool _awaitingExe;
    private bool _sentenceJustCounted;
    private string? _held;
    private long _heldNumber;
    private TransportProtocol _heldProtocol;
    private readonly Dictionary<string, int> _unknownStates = new(StringComparer.Ordinal);
    private bool _sawRowInBlock;
    private bool _sawTimestamp;
    private long _rows;
    private long _rowsWithPid;
    private long _exeLines;
    private long _ownershipUnavailable;
    private bool _sawTimeWait;

    public WindowsNetstatReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
        _current = new NetstatBlock { Names = _names };
        _asciiRows = new WindowsNetstatAsciiRow(_endpoints, _states);
    }

    public bool TryParseRow(ReadOnlySpan<byte> line, out NetstatRow row) => NetstatRowParser.TryParse(line, out row);

    public int TryParseRows(ReadOnlySpan<byte> data, int start, int limit, Span<NetstatRow> rows, out int count) =>
        NetstatRowParser.TryParseRun(data, start, limit, rows, out count);

    public void AcceptRows(ReadOnlySpan<NetstatRow> rows)
    {
        FlushHeld();
        FlushRow();
        _current.Add(rows);
        _sentenceJustCounted = false;
        _sawRowInBlock = true;
        _blockOpen = true;
        _awaitingExe = true;
    }

    public bool TryLine(ReadOnlySpan<byte> line, long number)
    {
        if (NetstatRowParser.TryParse(line, out var row))
        {
            AcceptRows(new ReadOnlySpan<NetstatRow>(in row));
            return true;
        }

        return TryDeclinedLine(line, number, 0);
    }

    public ulong MarkDeclined(ReadOnlySpan<byte> line) => NetstatLineMark.Of(line);

    public ulong MarkKnownLine(ReadOnlySpan<byte> data, int start, out int lineEnd, out int next) =>
        NetstatLineMark.OfRepeated(data, start, out lineEnd, out next);

    public bool StartsBlock(ulong mark) => NetstatLineMark.KindOf(mark) == NetstatLineMark.Timestamp;

    /// <summary>A worker's own block for counting (pure for the reader: no state of it is read).</summary>
    [ThreadStatic]
    private static NetstatBlock? _counter;

    /// <summary>
    /// A block of rows, blank lines, English headers and titles before rows only (after its timestamp line): what the
    /// reading thread would count, counted here. Any other line (a -b line, a sentence, a row the
    /// byte parser declined) leaves the block to the line-by-line path.
    /// </summary>
    public bool TryCountBlock(ReadOnlySpan<NetstatRow> rows, ReadOnlySpan<ChunkLine> lines, int firstRow, out BlockCount count)
    {
        var rowsBeforeHeader = firstRow;
        foreach (var line in lines)
        {
            switch (NetstatLineMark.KindOf(line.Mark))
            {
                case NetstatLineMark.Blank:
                    break;
                case NetstatLineMark.Header:
                    rowsBeforeHeader = line.Rows;
                    break;
                case 0 when line.Mark == NetstatLineMark.Title && line.Rows == rowsBeforeHeader:
                    // A title before the block's rows (or after a header) is ignored (Line: no row in the block yet).
                    break;
                default:
                    count = default;
                    return false;
            }
        }

        count = (_counter ??= new NetstatBlock()).CountOnly(rows, firstRow + rows.Length > rowsBeforeHeader);
        return true;
    }

    /// <summary>
    /// A counted block whose timestamp line <see cref="TryMarked"/> takes: what its lines do one by
    /// one. A header (with no half row held, as none is inside the block) ends the rows' wait for
    /// -b lines and starts no block after a timestamp; a blank line changes nothing.
    /// </summary>
    public bool TryBlock(ReadOnlySpan<byte> line, ulong mark, ReadOnlySpan<NetstatRow> rows, in BlockCount count)
    {
        if (_held is not null || !StartsBlock(mark) || !_timestamps.TryResolve(NetstatLineMark.PartsOf(mark), out var time))
        {
            return false;
        }

        StartTimestampBlock(time);
        _current.AddCounted(rows, count);
        _sawRowInBlock = _awaitingExe = count.RowsAfterHeader;
        return true;
    }

    public bool TryDeclinedLine(ReadOnlySpan<byte> line, long number, ulong mark)
    {
        if (mark != 0 && TryMarked(mark))
        {
            return true;
        }

        // A blank line or a header is no row (no "TCP"/"UDP" at its start): tried first, as most lines of a one-row log are.
        if (TryBlankOrHeader(line))
        {
            return true;
        }

        if (!_asciiRows.TryParse(line, out var entry, out var hadPid, out var unknownState))
        {
            return TryTimestamp(line);
        }

        FlushRow();
        AcceptRow(entry!, hadPid, unknownState);
        return true;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var trimmed = PastedMarkup.WithoutColor(line).Trim();
        if (trimmed.IsEmpty)
        {
            return;
        }

        var afterSentence = _sentenceJustCounted;
        _sentenceJustCounted = false;
        var isRow = WindowsNetstatRow.StartsWithProtocol(trimmed, out var protocol);
        if (_held is not null && !isRow && TryJoinHeld(trimmed))
        {
            return;
        }

        FlushHeld();
        if (isRow)
        {
            FlushRow();
            if (!WindowsNetstatRow.TryParse(trimmed, protocol, _endpoints, _states, out var entry, out var hadPid, out var unknownState))
            {
                // Perhaps the first half of a row a narrow console wrapped: the next line decides.
                (_held, _heldNumber, _heldProtocol) = (trimmed.ToString(), number, protocol);
                return;
            }

            AcceptRow(entry!, hadPid, unknownState);
            return;
        }

        if (IsMarker(trimmed))
        {
            // "-- unknown component(s) --" sits between a row's service and its [exe]; "-- More --"
            // is a pager's prompt; "[...]", a code fence and "^C" come with pasted output. None ends the row.
            return;
        }

        if (trimmed[0] == '[' && trimmed[^1] == ']')
        {
            AttachExe(trimmed[1..^1].Trim().ToString());
            return;
        }

        if (_timestamps.TryParse(trimmed, out var time))
        {
            FlushRow();
            _sawTimestamp = true;
            _sawRowInBlock = false;
            BeginBlock(time);
            return;
        }

        if (IsColumnHeader(trimmed))
        {
            ColumnHeader(afterSentence);
            return;
        }

        if (!_sawRowInBlock)
        {
            // Title lines before the column header ("Active Connections", "Aktive Verbindungen", ...).
            return;
        }

        if (TaskListLines.IsHeaderOrRule(trimmed))
        {
            FlushRow();
            return;
        }

        if (TaskListLines.TryRow(trimmed, out var taskPid, out var taskName))
        {
            // tasklist pasted under the rows names their PIDs.
            FlushRow();
            EvidenceCollector.AddProcess(_current.Processes, new ProcessInfo(taskPid, taskName));
            return;
        }

        if (_awaitingExe && IsServiceName(trimmed))
        {
            _services.Add(trimmed.ToString());
            return;
        }

        if (_awaitingExe && IsSentence(trimmed))
        {
            // "Can not obtain ownership information" in whatever language: the row's owner is unknown.
            _ownershipUnavailable++;
            _sentenceJustCounted = true;
            FlushRow();
            return;
        }

        if (IsSentence(trimmed) && !_sawTimestamp)
        {
            // Free text between blocks (a title line of the next netstat run).
            return;
        }

        if (PromptLine.Is(trimmed))
        {
            // The prompt pasted after the output ("C:\Users\me>"). One that runs netstat again
            // starts another run's rows: a sample of its own, as a repeated header would.
            FlushRow();
            if (!_sawTimestamp && trimmed.Contains("netstat", StringComparison.OrdinalIgnoreCase))
            {
                // Ended, not begun: a run that printed nothing (a findstr that matched nothing) adds no empty sample.
                EndBlock();
                _sawRowInBlock = false;
            }

            return;
        }

        _collector.Unreadable(number);
    }

    /// <summary>
    /// A line a chunk worker marked (<see cref="NetstatLineMark"/>): what <see cref="TryBlankOrHeader"/>
    /// and <see cref="TryTimestamp"/> do with it, their state checks made here. False leaves the
    /// line to them (a held half row, a date that is none in the file's day/month order).
    /// </summary>
    private bool TryMarked(ulong mark)
    {
        switch (NetstatLineMark.KindOf(mark))
        {
            case NetstatLineMark.Blank:
                return true;
            case NetstatLineMark.Header when _held is null:
                var afterSentence = _sentenceJustCounted;
                _sentenceJustCounted = false;
                ColumnHeader(afterSentence);
                return true;
            case NetstatLineMark.Timestamp when _held is null && _timestamps.TryResolve(NetstatLineMark.PartsOf(mark), out var time):
                StartTimestampBlock(time);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A blank line, or the English column header ("  Proto  Local Address ..."), straight from its
    /// bytes, doing what <see cref="Line"/> does with it. Only plain ASCII is taken; a header with a
    /// ':' (which Line first tries as a timestamp) or after a held half row is left to Line.
    /// </summary>
    private bool TryBlankOrHeader(ReadOnlySpan<byte> line)
    {
        if (line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0)
        {
            return true;
        }

        if (_held is not null || !NetstatLineMark.IsEnglishHeader(line))
        {
            return false;
        }

        var afterSentence = _sentenceJustCounted;
        _sentenceJustCounted = false;
        ColumnHeader(afterSentence);
        return true;
    }

    /// <summary>
    /// A plain ASCII timestamp line (a periodic log's "Mon 01/15/2024 14:30:00.12") from its bytes,
    /// doing what <see cref="Line"/> does with it. Taken only where Line would reach its timestamp
    /// test: no half row held, and a first character that is no row's, marker's or -b line's.
    /// </summary>
    private bool TryTimestamp(ReadOnlySpan<byte> line)
    {
        var trimmed = AsciiFields.TrimBlanks(line);
        if (_held is not null || trimmed.Length is < 8 or > 80 || !char.IsAsciiLetterOrDigit((char)trimmed[0]) ||
            (trimmed.Length >= 3 && (Ascii.EqualsIgnoreCase(trimmed[..3], "TCP"u8) || Ascii.EqualsIgnoreCase(trimmed[..3], "UDP"u8))) ||
            !AsciiFields.IsPlain(line))
        {
            return false;
        }

        Span<char> chars = stackalloc char[trimmed.Length];
        Ascii.ToUtf16(trimmed, chars, out _);
        if (!_timestamps.TryParse(chars, out var time))
        {
            return false;
        }

        StartTimestampBlock(time);
        return true;
    }

    private void StartTimestampBlock(DateTimeOffset time)
    {
        _sentenceJustCounted = false;
        FlushRow();
        _sawTimestamp = true;
        _sawRowInBlock = false;
        BeginBlock(time);
    }

    private void ColumnHeader(bool afterSentence)
    {
        FlushRow();
        if (afterSentence)
        {
            // The "sentence" under the last row was the title of a repeated run (netstat -ano 5).
            _ownershipUnavailable--;
        }

        if (_sawRowInBlock && !_sawTimestamp)
        {
            // Repeated netstat output without timestamps: still one snapshot per block.
            BeginBlock(null);
        }

        _sawRowInBlock = false;
    }

    /// <summary>The held half row and this line read as one row (wrapped at a space or inside a field).</summary>
    private bool TryJoinHeld(ReadOnlySpan<char> trimmed)
    {
        foreach (var separator in (string[])[" ", ""])
        {
            var joined = string.Concat(_held, separator, trimmed);
            // Only a known state: "TCP a b" and a title line after it must not make a row.
            if (WindowsNetstatRow.TryParse(joined, _heldProtocol, _endpoints, _states, out var entry, out var hadPid, out var unknownState) && unknownState is null)
            {
                _held = null;
                AcceptRow(entry!, hadPid, null);
                return true;
            }
        }

        return false;
    }

    /// <summary>A held half row that no continuation completed is an unreadable line.</summary>
    private void FlushHeld()
    {
        if (_held is not null)
        {
            _held = null;
            _collector.Unreadable(_heldNumber);
        }
    }

    /// <summary>A row the general path parsed: kept as its entry, counted like the others.</summary>
    private void AcceptRow(SocketEntry entry, bool hadPid, string? unknownState)
    {
        if (unknownState is not null && (_unknownStates.Count < MaxUnknownSpellings || _unknownStates.ContainsKey(unknownState)))
        {
            // A garbled file can invent a spelling per row: name the first few only.
            _unknownStates[unknownState] = _unknownStates.GetValueOrDefault(unknownState) + 1;
        }

        var row = new NetstatRow
        {
            Protocol = entry.Protocol,
            State = entry.State,
            Pid = entry.Pid ?? 0,
            Entry = _current.Entries.Count,
            Name = -1,
            Flags = hadPid ? NetstatRow.HadPidFlag : (byte)0,
        };
        _current.Entries.Add(entry);
        AcceptRows(new ReadOnlySpan<NetstatRow>(in row));
    }

    private void BeginBlock(DateTimeOffset? time)
    {
        EndBlock();
        _current.Time = time;
        _blockOpen = true;
    }

    /// <summary>
    /// Hands the open block on as a sample. The block whose time is the latest so far is kept (its
    /// snapshot may be built when the evidence set is); any other block is reused for the next one.
    /// </summary>
    private void EndBlock()
    {
        if (!_blockOpen)
        {
            return;
        }

        _blockOpen = false;
        var block = _current;
        _rows += block.Count;
        _rowsWithPid += block.RowsWithPid;
        // Only whether any row was in TIME_WAIT is told (a note): no count per sample once one was.
        _sawTimeWait = _sawTimeWait || block.CountOf(SocketState.TimeWait) > 0;

        var time = _collector.ResolveTime(block.Time);
        _collector.AddSample(time, block.Counts(), block.Promise(time));
        var blockTime = block.Time ?? _collector.FileTime;
        if (_latest is null || blockTime >= _latestTime)
        {
            (_latest, _latestTime, _current) = (block, blockTime, _latest ?? new NetstatBlock { Names = _names });
        }

        _current.Clear();
    }

    public void Finish()
    {
        FlushHeld();
        FlushRow();
        if (_blockOpen && _collector.LeavesOutLastSample(_current.Time))
        {
            _blockOpen = false;
            _current.Clear();
        }

        EndBlock();
        if (_rows > 0 && _rowsWithPid == 0)
        {
            _collector.Note(new Note(_exeLines > 0 ? NoteKind.NoPidColumnImageNames : NoteKind.NoPidColumn));
        }

        if (_ownershipUnavailable > 0)
        {
            _collector.Note(new Note(NoteKind.OwnershipUnavailable) { Count = _ownershipUnavailable });
        }

        if (_sawTimeWait)
        {
            _collector.Note(new Note(NoteKind.TimeWaitWithoutOwner));
        }

        foreach (var (name, count) in _unknownStates)
        {
            _collector.Note(new Note(NoteKind.UnknownStateName) { Name = name, Count = count });
        }

        NoteEndpoints(_collector, _endpoints);
        if (_sawTimestamp)
        {
            _collector.Note(new Note(NoteKind.TimestampsWithoutZone));
            if (_timestamps.AssumedOrder)
            {
                _collector.Note(new Note(NoteKind.DatesReadDayFirst));
            }
        }
    }

    internal static void NoteEndpoints(EvidenceCollector collector, EndpointText endpoints)
    {
        if (endpoints.SawHostName)
        {
            collector.Note(new Note(NoteKind.HostNamesForAddresses));
        }

        if (endpoints.SawUnknownServiceName)
        {
            collector.Note(new Note(NoteKind.UnknownServiceNames));
        }
    }

    private void AttachExe(string exe)
    {
        _exeLines++;
        if (!_awaitingExe)
        {
            return;
        }

        if (!_nameIds.TryGetValue(exe, out var id))
        {
            id = _names.Count;
            _names.Add(exe);
            _nameIds[exe] = id;
        }

        ref var row = ref _current.Last;
        row.Name = id;
        if (row.Pid != 0)
        {
            EvidenceCollector.AddProcess(_current.Processes, new ProcessInfo(row.Pid, exe) { Services = [.. _services] });
        }

        FlushRow();
    }

    /// <summary>The last row gets no exe name: a line other than its -b lines followed it.</summary>
    private void FlushRow()
    {
        _awaitingExe = false;
        _services.Clear();
    }

    private static bool IsColumnHeader(ReadOnlySpan<char> trimmed)
    {
        foreach (var start in ColumnHeaderStarts)
        {
            if (trimmed.StartsWith(start, StringComparison.OrdinalIgnoreCase) &&
                (trimmed.Length == start.Length || trimmed[start.Length] is ' ' or '\t'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMarker(ReadOnlySpan<char> trimmed) =>
        (trimmed.Length >= 4 && trimmed.StartsWith("--") && trimmed.EndsWith("--")) || PastedMarkup.IsNoise(trimmed);

    private static bool IsServiceName(ReadOnlySpan<char> trimmed)
    {
        foreach (var c in trimmed)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '$'))
            {
                return false;
            }
        }

        return trimmed.Length <= 64 && char.IsAsciiLetter(trimmed[0]);
    }

    private static bool IsSentence(ReadOnlySpan<char> trimmed)
    {
        var letters = 0;
        var spaces = 0;
        foreach (var c in trimmed)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (c == ' ')
            {
                spaces++;
            }
            else if (!(char.IsPunctuation(c) || char.IsAsciiDigit(c)))
            {
                return false;
            }
        }

        return (spaces >= 1 || trimmed.Length > 4 && !char.IsAscii(trimmed[0])) && letters * 10 >= trimmed.Length * 6;
    }
}
