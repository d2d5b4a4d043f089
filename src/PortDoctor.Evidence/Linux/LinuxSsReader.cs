using System.Globalization;

namespace PortDoctor.Evidence.Linux;

/// <summary>Reads ss rows; see <see cref="LinuxSsFormat"/>.</summary>
internal sealed class LinuxSsReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private readonly TransportProtocol _protocolWithoutNetid;
    private readonly SocketState? _fileNameState;
    private readonly UnixDateLine _dates = new();
    private SocketState? _commandState;
    private bool _summary;
    private bool _sawNetid;
    private bool _sawDate;
    private long _detailLines;
    private readonly Dictionary<(SocketState State, bool FromCommand), long> _stateFromFilter = [];
    private long _stateUnknown;
    private long _rowsInBlock;
    private int _untimedBlocks;
    private string _lastHeader = "";
    private string _command = "";
    private string _blockCommand = "";

    public LinuxSsReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Linux;

        // Without -t and -u together ss prints no Netid column: `ss -uan` rows look like TCP ones.
        _protocolWithoutNetid = Path.GetFileName(collector.Path).Contains("udp", StringComparison.OrdinalIgnoreCase)
            ? TransportProtocol.Udp
            : TransportProtocol.Tcp;
        _fileNameState = LinuxSsStateFilter.FromFileName(collector.Path);
    }

    /// <summary>A socket row: "[netid] STATE recvq sendq local peer ..." or, under a state filter, "[netid] recvq sendq local peer ...".</summary>
    public static bool LooksLikeRow(string line)
    {
        Span<Range> r = stackalloc Range[8];
        var span = line.AsSpan();
        var n = Fields.Split(span, r);
        if (n < 4)
        {
            return false;
        }

        var offset = span[r[0]] is "tcp" or "udp" ? 1 : 0;
        if (n >= offset + 5 && SocketStateNames.TryParse(span[r[offset]], out _))
        {
            return Fields.IsInteger(span[r[offset + 1]]) && Fields.IsInteger(span[r[offset + 2]]);
        }

        return offset == 0 && Fields.IsInteger(span[r[0]]) && Fields.IsInteger(span[r[1]]) &&
            span[r[2]].Contains(':') && span[r[3]].Contains(':');
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var trimmed = line.Trim();
        if (trimmed.IsEmpty)
        {
            return;
        }

        if (IsHeader(trimmed))
        {
            RepeatedHeader(trimmed);
            return;
        }

        if (_dates.TryParse(trimmed, out var time))
        {
            // `date` before each `ss` of a monitoring loop: one snapshot per block.
            _collector.BeginSnapshot(time);
            _sawDate = true;
            _rowsInBlock = 0;
            _summary = false;
            return;
        }

        if (!char.IsAsciiDigit(trimmed[0]) && !char.IsAsciiLetterUpper(trimmed[0]) && trimmed.Contains("ss", StringComparison.Ordinal) &&
            LinuxSsStateFilter.TryCommandLine(trimmed, out var filtered))
        {
            _commandState = filtered;
            _command = trimmed.ToString();
            _summary = false;
            return;
        }

        if (trimmed.StartsWith("Total:") || _summary)
        {
            _summary = true;
            ReadSummary(trimmed);
            return;
        }

        Span<Range> r = stackalloc Range[8];
        var n = Fields.Split(trimmed, r);
        var protocol = _protocolWithoutNetid;
        var offset = 0;
        var first = trimmed[r[0]];
        if (!SocketStateNames.TryParse(first, out _) && !Fields.IsInteger(first))
        {
            if (first is "tcp" or "tcp6" or "udp" or "udp6")
            {
                _sawNetid = true;
                protocol = first[0] == 't' ? TransportProtocol.Tcp : TransportProtocol.Udp;
                offset = 1;
            }
            else if (IsOtherNetid(trimmed, r, n))
            {
                // u_str, nl, p_raw, raw, mptcp...: not ports we account for.
                _sawNetid = true;
                return;
            }
            else if (IsDetailLine(line, first))
            {
                _detailLines++;
                return;
            }
            else
            {
                _collector.Unreadable(number);
                return;
            }
        }

        if (!TryRow(trimmed, r, n, offset, protocol, out var socket, out var restStart))
        {
            _collector.Unreadable(number);
            return;
        }

        var owner = restStart < n ? LinuxOwners.SsUsers(trimmed[r[restStart].Start.Value..]) : null;
        _collector.AddSocket(socket, owner);
        _rowsInBlock++;
    }

    /// <summary>
    /// `for i in 1 2 3; do ss -tan; sleep 60; done` without `date`: the same header again (ss pads it
    /// to the widths of its rows, so another command's header differs) starts the next sample, and
    /// the last one is analysed; a different header (`ss -tan; ss -uan`), or another pasted command
    /// line before it (`ss -tan state time-wait`, then `state established`), adds to the same one.
    /// </summary>
    private void RepeatedHeader(ReadOnlySpan<char> header)
    {
        if (_rowsInBlock > 0 && !_sawDate && header.SequenceEqual(_lastHeader) && _command == _blockCommand)
        {
            _collector.BeginSnapshot(null);
            _untimedBlocks++;
        }

        _rowsInBlock = 0;
        _blockCommand = _command;
        if (!header.SequenceEqual(_lastHeader))
        {
            _lastHeader = header.ToString();
        }
    }

    public void Finish()
    {
        _collector.EndLastSnapshot();
        LinuxNetstatReader.NoteDates(_collector, _sawDate, _dates);
        if (_collector.RowsRead > 0 && _collector.RowsWithOwner == 0)
        {
            _collector.Note(new Note(NoteKind.SsWithoutProcess));
        }

        if (_summary)
        {
            _collector.Note(new Note(NoteKind.SsSummaryOnly));
        }

        if (_collector.RowsRead > 0 && !_sawNetid)
        {
            _collector.Note(new Note(NoteKind.SsWithoutNetid) { Protocol = _protocolWithoutNetid });
        }

        if (_untimedBlocks > 0)
        {
            _collector.Note(new Note(NoteKind.SsUntimedTables) { Count = _untimedBlocks + 1 });
        }

        NoteStateFilter();
        if (_detailLines > 0)
        {
            _collector.Note(new Note(NoteKind.SsDetailLines) { Count = _detailLines });
        }

        WindowsNetstatReader.NoteEndpoints(_collector, _endpoints);
    }

    private void NoteStateFilter()
    {
        foreach (var ((state, fromCommand), count) in _stateFromFilter)
        {
            _collector.Note(new Note(fromCommand ? NoteKind.SsStateFromCommand : NoteKind.SsStateFromFileName) { Count = count, Name = state.ToDisplayName() });
        }

        if (_stateUnknown > 0)
        {
            _collector.Note(new Note(NoteKind.SsStateUnknown) { Count = _stateUnknown });
        }
    }

    private static bool IsHeader(ReadOnlySpan<char> trimmed) =>
        (trimmed.StartsWith("State") || trimmed.StartsWith("Netid") || trimmed.StartsWith("Recv-Q")) &&
        trimmed.Contains("Local", StringComparison.Ordinal);

    /// <summary>A netid we do not account for: short lowercase name, then queue sizes (with or without a State column).</summary>
    private static bool IsOtherNetid(ReadOnlySpan<char> trimmed, Span<Range> r, int n)
    {
        var netid = trimmed[r[0]];
        if (netid.Length > 6 || n < 5 || netid.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz_0123456789?"))
        {
            return false;
        }

        return Fields.IsInteger(trimmed[r[2]]) && (Fields.IsInteger(trimmed[r[1]]) || SocketStateNames.TryParse(trimmed[r[1]], out _));
    }

    /// <summary>
    /// The extra line `ss -i`, `-m` (and `-e` on some versions) prints under each socket: a tab
    /// then "cubic wscale:7,7 rto:204 ..." or "skmem:(r0,rb131072,...)"; pasted copies may have
    /// spaces for the tab or lose the indent, so a first word with ':' or a congestion-control
    /// name counts as well (seen in ss -ti output pasted in issue threads: "cubic wscale:...").
    /// </summary>
    private static bool IsDetailLine(ReadOnlySpan<char> line, ReadOnlySpan<char> first) =>
        line[0] is ' ' or '\t' || first.Contains(':') ||
        first is "cubic" or "reno" or "bbr" or "bbr2" or "bbr3" or "dctcp" or "htcp" or "bic" or "vegas" or "westwood" or
            "illinois" or "hybla" or "highspeed" or "scalable" or "lp" or "yeah" or "veno" or "cdg" or "nv" or "ts" or "sack" or "ecn";

    private bool TryRow(ReadOnlySpan<char> trimmed, Span<Range> r, int n, int offset, TransportProtocol protocol, out SocketEntry socket, out int restStart)
    {
        socket = null!;
        restStart = 0;
        var state = SocketState.Unknown;
        var hasState = n > offset && SocketStateNames.TryParse(trimmed[r[offset]], out state);
        var queues = hasState ? offset + 1 : offset;
        if (n < queues + 4 ||
            !Fields.IsInteger(trimmed[r[queues]]) || !Fields.IsInteger(trimmed[r[queues + 1]]) ||
            !_endpoints.TryParse(trimmed[r[queues + 2]], out var local, out var localFamily) ||
            !_endpoints.TryParse(trimmed[r[queues + 3]], out var remote, out var remoteFamily))
        {
            return false;
        }

        restStart = queues + 4;
        if (!hasState)
        {
            state = InferState(protocol, remote, restStart < n ? trimmed[r[restStart].Start.Value..] : []);
        }

        if (protocol == TransportProtocol.Udp && state is SocketState.Established or SocketState.Unknown)
        {
            state = remote.Port == 0 ? SocketState.Unconnected : SocketState.Established;
        }
        else if (protocol == TransportProtocol.Tcp && state is SocketState.Unconnected or SocketState.Closed && local.Port != 0)
        {
            // A TCP socket bound but neither listening nor connected (kernel state CLOSE).
            state = SocketState.Bound;
        }

        socket = new SocketEntry(protocol, localFamily ?? remoteFamily ?? IpFamily.IPv4, state, local, remote);
        return true;
    }

    private SocketState InferState(TransportProtocol protocol, Endpoint remote, ReadOnlySpan<char> rest)
    {
        if (protocol == TransportProtocol.Udp)
        {
            return SocketState.Unknown;
        }

        if ((_commandState ?? _fileNameState) is { } filtered)
        {
            var key = (filtered, _commandState is not null);
            _stateFromFilter[key] = _stateFromFilter.GetValueOrDefault(key) + 1;
            return filtered;
        }

        if (rest.Contains("timer:(timewait", StringComparison.Ordinal))
        {
            return SocketState.TimeWait;
        }

        if (remote.Port == 0)
        {
            // Old `ss -l` printed no State column: a peer of "*:*" can only be a listener.
            return SocketState.Listen;
        }

        _stateUnknown++;
        return SocketState.Unknown;
    }

    private void ReadSummary(ReadOnlySpan<char> line)
    {
        // "TCP:   567 (estab 12, closed 500, orphaned 0, timewait 498)"; older ss: "timewait 0/0), ports 0".
        if (!line.StartsWith("TCP:"))
        {
            return;
        }

        var open = line.IndexOf('(');
        var close = line.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return;
        }

        var total = line[4..open].Trim();
        _collector.Settings["ss -s tcp total"] = total.ToString();
        var parts = $"{line[(open + 1)..close]},{line[(close + 1)..]}".Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            var space = part.LastIndexOf(' ');
            var valueText = space > 0 ? part.AsSpan(space + 1) : [];
            var slash = valueText.IndexOf('/');
            if (slash > 0)
            {
                valueText = valueText[..slash];
            }

            if (space > 0 && int.TryParse(valueText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                _collector.Settings[$"ss -s tcp {part[..space]}"] = value.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
