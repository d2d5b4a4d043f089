using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using PortDoctor.Evidence.FastPath;

namespace PortDoctor.Evidence.PowerShell;

/// <summary>Reads Group-Object rows; see <see cref="GroupObjectFormat"/>.</summary>
internal sealed class GroupObjectReader : IPlainAsciiLineReader, IShapedLineReader, IShapedBatchReader<GroupObjectRow, GroupObjectRow.Parser>
{
    private const int MaxPerGroup = 1_000_000;
    private const long MaxTotal = 4_000_000;
    private readonly EvidenceCollector _collector;
    private long _total;
    private bool _statesUnknown;

    // A field array kept, not a stackalloc per line: no zeroing and no stack cookie per line.
    private readonly Range[] _parts = new Range[5];

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
    /// it is not sure of (not a row, a prompt, markup, not plain ASCII) goes to <see cref="Line"/>.
    /// </summary>
    public bool TryLine(ReadOnlySpan<byte> line, long number) => TryLine(line, AsciiLineShape.Of(line), number);

    /// <summary><see cref="TryLine(ReadOnlySpan{byte}, long)"/> of a line whose shape the line cutter found.</summary>
    public bool TryLine(ReadOnlySpan<byte> line, in AsciiLineShape shape, long number)
    {
        var parts = _parts;
        if (!TryParse(line, shape, parts, out var row, out var processAt))
        {
            return false;
        }

        var process = processAt < 0 ? null : Encoding.ASCII.GetString(line[parts[processAt]]);
        Add(row.Count, row.State, row.Pid, process, number);
        return true;
    }

    /// <summary>
    /// Pure: a plain ASCII row split and judged as <see cref="TryRow"/> does, and which field names
    /// the process (-1: none).
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<byte> line, in AsciiLineShape shape, Span<Range> parts, out GroupObjectRow row, out int processAt)
    {
        row = default;
        processAt = -1;
        if (!shape.Plain || shape.HasPrompt || shape.FirstColon >= 0)
        {
            return false;
        }

        var length = AsciiFields.Split(line, shape, parts[..5]);
        if (length < 2 || !AsciiFields.TryInt(line[parts[0]], out var count))
        {
            return false;
        }

        var second = line[parts[1]];
        var first = WithoutTrailingCommas(second);
        var byPidFirst = AsciiFields.TryInt(first, out var pid);
        var state = SocketState.Unknown;
        if (!byPidFirst && !StateWord.TryParse(first, out state))
        {
            return false;
        }

        var nameAt = 2;
        if (second[^1] == ',')
        {
            if (length < 3 || (byPidFirst ? !StateWord.TryParse(line[parts[2]], out state) : !AsciiFields.TryInt(line[parts[2]], out pid)))
            {
                return false;
            }

            nameAt = 3;
        }

        processAt = (byPidFirst || nameAt == 3) && length > nameAt && line[parts[nameAt]][0] != (byte)'{' ? nameAt : -1;
        row = new GroupObjectRow(count, pid, state);
        return true;
    }

    /// <summary>On the reading thread: the rows the chunk workers judged (none names a process), in file order.</summary>
    public void AcceptRows(ReadOnlySpan<GroupObjectRow> rows, long firstNumber, ReadOnlySpan<byte> chunk)
    {
        for (var k = 0; k < rows.Length; k++)
        {
            Add(rows[k].Count, rows[k].State, rows[k].Pid, null, firstNumber + k);
        }
    }

    /// <summary><c>TrimEnd((byte)',')</c> inlined: a field ends with at most one comma, and the call showed in profiles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> WithoutTrailingCommas(ReadOnlySpan<byte> field)
    {
        var length = field.Length;
        while (length > 0 && field[length - 1] == (byte)',')
        {
            length--;
        }

        return field[..length];
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
        _collector.EndLastSnapshot();
        _collector.Note(new Note(NoteKind.GroupObjectCountsOnly));
        if (_statesUnknown)
        {
            _collector.Note(new Note(NoteKind.GroupedWithoutState));
        }
    }
}
