using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>
/// Reads netstat rows, the -b lines after them ("[exe]", a service name, or the localized
/// "Can not obtain ownership information"), localized headers, and timestamp lines that start a
/// new snapshot. A row is held back until the next line shows whether an exe name follows it.
/// </summary>
internal sealed class WindowsNetstatReader : IUtf8LineReader
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
    private readonly List<SocketEntry> _awaitingExe = [];
    private readonly List<string> _services = [];
    private readonly Dictionary<string, int> _unknownStates = new(StringComparer.Ordinal);
    private bool _sawRowInBlock;
    private bool _sawTimestamp;
    private long _rows;
    private long _rowsWithPid;
    private long _exeLines;
    private long _ownershipUnavailable;
    private long _timeWaitRows;

    public WindowsNetstatReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
        _asciiRows = new WindowsNetstatAsciiRow(_endpoints, _states);
    }

    public bool TryLine(ReadOnlySpan<byte> line, long number)
    {
        if (!_asciiRows.TryParse(line, out var entry, out var hadPid, out var unknownState))
        {
            return false;
        }

        FlushRow();
        AcceptRow(entry!, hadPid, unknownState);
        return true;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var trimmed = line.Trim();
        if (trimmed.IsEmpty)
        {
            return;
        }

        if (WindowsNetstatRow.StartsWithProtocol(trimmed, out var protocol))
        {
            FlushRow();
            if (!WindowsNetstatRow.TryParse(trimmed, protocol, _endpoints, _states, out var entry, out var hadPid, out var unknownState))
            {
                _collector.Unreadable(number);
                return;
            }

            AcceptRow(entry!, hadPid, unknownState);
            return;
        }

        if (IsMarker(trimmed))
        {
            // "-- unknown component(s) --" sits between a row's service and its [exe]; "-- More --"
            // and "[...]" are a pager's prompt and an elision in pasted output. None ends the row.
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
            _collector.BeginSnapshot(time);
            return;
        }

        if (IsColumnHeader(trimmed))
        {
            FlushRow();
            if (_sawRowInBlock && !_sawTimestamp)
            {
                // Repeated netstat output without timestamps: still one snapshot per block.
                _collector.BeginSnapshot(null);
            }

            _sawRowInBlock = false;
            return;
        }

        if (!_sawRowInBlock)
        {
            // Title lines before the column header ("Active Connections", "Aktive Verbindungen", ...).
            return;
        }

        if (_awaitingExe.Count > 0 && IsServiceName(trimmed))
        {
            _services.Add(trimmed.ToString());
            return;
        }

        if (_awaitingExe.Count > 0 && IsSentence(trimmed))
        {
            // "Can not obtain ownership information" in whatever language: the row's owner is unknown.
            _ownershipUnavailable += _awaitingExe.Count;
            FlushRow();
            return;
        }

        if (IsSentence(trimmed) && !_sawTimestamp)
        {
            // Free text between blocks (a title line of the next netstat run).
            return;
        }

        _collector.Unreadable(number);
    }

    private void AcceptRow(SocketEntry entry, bool hadPid, string? unknownState)
    {
        _rows++;
        _sawRowInBlock = true;
        _rowsWithPid += hadPid ? 1 : 0;
        _timeWaitRows += entry.State == SocketState.TimeWait ? 1 : 0;
        if (unknownState is not null && (_unknownStates.Count < MaxUnknownSpellings || _unknownStates.ContainsKey(unknownState)))
        {
            // A garbled file can invent a spelling per row: name the first few only.
            _unknownStates[unknownState] = _unknownStates.GetValueOrDefault(unknownState) + 1;
        }

        _awaitingExe.Add(entry);
    }

    public void Finish()
    {
        FlushRow();
        _collector.EndSnapshot();
        if (_rows > 0 && _rowsWithPid == 0)
        {
            _collector.Note(_exeLines > 0
                ? "no PID column (netstat -anb): processes known by image name only"
                : "no PID column: per-process attribution unavailable");
        }

        if (_ownershipUnavailable > 0)
        {
            _collector.Note(string.Create(CultureInfo.InvariantCulture,
                $"{_ownershipUnavailable} sockets without ownership information (netstat -b needs an elevated prompt)"));
        }

        if (_timeWaitRows > 0)
        {
            _collector.Note("TIME_WAIT rows carry no owner (PID 0): their process can only be inferred");
        }

        foreach (var (name, count) in _unknownStates)
        {
            _collector.Note(string.Create(CultureInfo.InvariantCulture, $"state name \"{name}\" not recognised ({count} rows kept as UNKNOWN)"));
        }

        NoteEndpoints(_collector, _endpoints);
        if (_sawTimestamp)
        {
            _collector.Note("timestamps carry no time zone: read as UTC");
            if (_timestamps.AssumedOrder)
            {
                _collector.Note("dates like 03/04 were read day-first: no date in the log showed the order");
            }
        }
    }

    internal static void NoteEndpoints(EvidenceCollector collector, EndpointText endpoints)
    {
        if (endpoints.SawHostName)
        {
            collector.Note("host names instead of addresses (netstat without -n): addresses as printed");
        }

        if (endpoints.SawUnknownServiceName)
        {
            collector.Note("some ports were service names we do not know: shown as port 0");
        }
    }

    private void AttachExe(string exe)
    {
        _exeLines++;
        if (_awaitingExe.Count == 0)
        {
            return;
        }

        foreach (var socket in _awaitingExe)
        {
            _collector.AddSocket(socket with { ProcessName = exe });
            if (socket.Pid is int pid)
            {
                _collector.AddProcess(new ProcessInfo(pid, exe) { Services = [.. _services] });
            }
        }

        _awaitingExe.Clear();
        _services.Clear();
    }

    private void FlushRow()
    {
        foreach (var socket in _awaitingExe)
        {
            _collector.AddSocket(socket);
        }

        _awaitingExe.Clear();
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
        (trimmed.Length >= 4 && trimmed.StartsWith("--") && trimmed.EndsWith("--")) ||
        trimmed.SequenceEqual("[...]") || trimmed.SequenceEqual("[…]") || trimmed.SequenceEqual("...") || trimmed.SequenceEqual("…");

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
