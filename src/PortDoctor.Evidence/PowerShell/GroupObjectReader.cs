using System.Globalization;

namespace PortDoctor.Evidence.PowerShell;

/// <summary>Reads Group-Object rows; see <see cref="GroupObjectFormat"/>.</summary>
internal sealed class GroupObjectReader : IEvidenceLineReader
{
    private const int MaxPerGroup = 1_000_000;
    private const long MaxTotal = 4_000_000;
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

        // One host cannot hold more TCP connections than ports times addresses in any realistic
        // capture; a larger count is a damaged row and must not become millions of objects.
        if (!TryRow(text, out var count, out var state, out var pid, out var process) || count > MaxPerGroup ||
            _total + count > MaxTotal)
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
        _collector.Note("Group-Object output has counts only: no addresses or ports (port usage per range cannot be computed; pass Export-Csv for that)");
        if (_statesUnknown)
        {
            _collector.Note("grouped without State: the sockets' states are unknown (only counts per process)");
        }
    }
}
