using System.Globalization;
using System.Text;
using PortDoctor.Evidence.FastPath;

namespace PortDoctor.Evidence.PowerShell;

/// <summary>
/// Reads Group-Object rows; see <see cref="GroupObjectFormat"/>. A plain ASCII row is parsed apart
/// from the reader's state (<see cref="TryParseRow"/>), so a large file's rows are parsed on every core.
/// </summary>
internal sealed class GroupObjectReader : IBatchLineReader<GroupObjectRow>
{
    private const int MaxPerGroup = 1_000_000;
    private const long MaxTotal = 4_000_000;

    /// <summary>PowerShell's state names, each with <see cref="PowerShellConnection.TryState"/>'s answer: rows repeat them.</summary>
    private static readonly (byte[] Word, SocketState? State)[] StateWords = [.. new[]
    {
        "TimeWait", "Established", "Bound", "CloseWait", "Listen", "SynSent", "SynReceived", "FinWait1", "FinWait2", "Closing",
        "LastAck", "Closed", "DeleteTCB",
    }.Select(word => (Encoding.ASCII.GetBytes(word), PowerShellConnection.TryState(word, out var state) ? state : (SocketState?)null))];

    private readonly EvidenceCollector _collector;
    private long _total;
    private bool _statesUnknown;

    public GroupObjectReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
    }

    /// <summary>
    /// "  812 TimeWait, 0      Idle     {MSFT_NetTCPConnection ...}"; grouped by State alone the
    /// name has no PID ("  812 TimeWait  {...}"), which leaves the owner unknown; grouped by
    /// OwningProcess alone (<c>Group-Object -Property OwningProcess | Sort Count -Descending</c>,
    /// another common guide variant) it has no state ("  812 4321  {...}"), and grouped by
    /// OwningProcess, State the PID comes first ("  812 4321, Established").
    /// </summary>
    public static bool TryRow(string line, out int count, out SocketState state, out int pid, out string? process)
    {
        count = pid = 0;
        state = SocketState.Unknown;
        process = null;
        var parts = line.Split([' ', '\t'], 5, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            return false;
        }

        var first = parts[1].TrimEnd(',');
        var byPidFirst = int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out pid);
        if (!byPidFirst && !PowerShellConnection.TryState(first, out state))
        {
            return false;
        }

        if (!parts[1].EndsWith(','))
        {
            process = byPidFirst && parts.Length > 2 && !parts[2].StartsWith('{') ? parts[2] : null;
            return true;
        }

        var second = parts.Length < 3 ? null : parts[2];
        if (second is null || (byPidFirst
            ? !PowerShellConnection.TryState(second, out state)
            : !int.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out pid)))
        {
            return false;
        }

        process = parts.Length > 3 && !parts[3].StartsWith('{') ? parts[3] : null;
        return true;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var text = line.Trim().ToString();
        if (text.Length == 0 || text.StartsWith("Count", StringComparison.Ordinal) || text.Trim('-', ' ').Length == 0 || PromptLine.Is(text) || PastedMarkup.IsNoise(text))
        {
            return;
        }

        if (!TryRow(text, out var count, out var state, out var pid, out var process))
        {
            _collector.Unreadable(number);
            return;
        }

        Add(count, state, pid, process, number);
    }

    /// <summary>
    /// The byte fast path: a plain ASCII row is split and judged as <see cref="TryRow"/> does; a line
    /// it is not sure of (not a row, a prompt, markup) goes to <see cref="Line"/>.
    /// </summary>
    public bool TryLine(ReadOnlySpan<byte> line, long number)
    {
        if (!TryParseRow(line, out var row))
        {
            return false;
        }

        Add(row.Count, row.State, row.Pid, row.Process, number);
        return true;
    }

    /// <summary>Pure: the row <see cref="TryLine"/> takes, or false for a line it leaves to <see cref="Line"/>.</summary>
    public bool TryParseRow(ReadOnlySpan<byte> line, out GroupObjectRow row)
    {
        row = default;
        Span<Range> parts = stackalloc Range[5];
        var length = AsciiFields.Split(line, parts);
        if (length < 2 || line.IndexOfAny((byte)'>', (byte)':') >= 0 || !AsciiFields.TryInt(line[parts[0]], out var count))
        {
            return false;
        }

        var second = line[parts[1]];
        var first = second.TrimEnd((byte)',');
        var byPidFirst = AsciiFields.TryInt(first, out var pid);
        var state = SocketState.Unknown;
        if (!byPidFirst && !TryState(first, out state))
        {
            return false;
        }

        var processAt = 2;
        if (second[^1] == ',')
        {
            if (length < 3 || (byPidFirst ? !TryState(line[parts[2]], out state) : !AsciiFields.TryInt(line[parts[2]], out pid)))
            {
                return false;
            }

            processAt = 3;
        }

        var process = (byPidFirst || processAt == 3) && length > processAt && line[parts[processAt]][0] != (byte)'{'
            ? Encoding.ASCII.GetString(line[parts[processAt]])
            : null;
        row = new GroupObjectRow(count, state, pid, process);
        return true;
    }

    /// <summary>A declined line is no row: TryLine would leave it to <see cref="Line"/> too.</summary>
    public bool TryDeclinedLine(ReadOnlySpan<byte> line, long number, ulong mark) => false;

    public void AcceptRows(ReadOnlySpan<GroupObjectRow> rows, long firstNumber)
    {
        foreach (var row in rows)
        {
            Add(row.Count, row.State, row.Pid, row.Process, firstNumber++);
        }
    }

    /// <summary><see cref="PowerShellConnection.TryState"/> of an ASCII word (pure: the common names from a table).</summary>
    private static bool TryState(ReadOnlySpan<byte> word, out SocketState state)
    {
        foreach (var (known, knownState) in StateWords)
        {
            if (word.SequenceEqual(known))
            {
                state = knownState ?? SocketState.Unknown;
                return knownState is not null;
            }
        }

        return PowerShellConnection.TryState(Encoding.ASCII.GetString(word), out state);
    }

    private void Add(int count, SocketState state, int pid, string? process, long number)
    {
        // One host cannot hold more TCP connections than ports times addresses in any realistic
        // capture; a larger count is a damaged row and must not become millions of objects.
        if (count > MaxPerGroup || _total + count > MaxTotal)
        {
            _collector.Unreadable(number);
            return;
        }

        _total += count;
        _statesUnknown |= state == SocketState.Unknown;
        int? owner = pid == 0 ? null : pid;
        _collector.AddCount(new SocketCount(TransportProtocol.Tcp, state, count) { Pid = owner, ProcessName = process });

        if (owner is int p && process is not null)
        {
            _collector.AddProcess(new ProcessInfo(p, process));
        }
    }

    public void Finish()
    {
        _collector.EndSnapshot();
        _collector.Note(new Note(NoteKind.GroupObjectCountsOnly));
        if (_statesUnknown)
        {
            _collector.Note(new Note(NoteKind.GroupedWithoutState));
        }
    }
}
