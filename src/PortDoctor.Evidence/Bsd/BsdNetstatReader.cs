using System.Globalization;

namespace PortDoctor.Evidence.Bsd;

/// <summary>Reads BSD netstat rows; see <see cref="BsdNetstatFormat"/>.</summary>
internal sealed class BsdNetstatReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private bool _otherSection;
    private bool _processColumn;
    private int _pidOffset = -1;
    private (TransportProtocol? Protocol, IpFamily Family)? _solaris;



    public BsdNetstatReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Unknown;
    }

    /// <summary>"tcp4 0 0 127.0.0.1.8000 127.0.0.1.50686 ESTABLISHED": endpoints end in ".port" or ".*".</summary>
    public static bool LooksLikeRow(string line)
    {
        Span<Range> r = stackalloc Range[6];
        var span = line.AsSpan();
        var n = Fields.Split(span, r);
        return n >= 5 && (span[r[0]].StartsWith("tcp") || span[r[0]].StartsWith("udp")) &&
            Fields.IsInteger(span[r[1]]) && Fields.IsInteger(span[r[2]]) && IsDotPort(span[r[3]]) && IsDotPort(span[r[4]]);
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var trimmed = line.Trim();
        if (trimmed.IsEmpty || PastedPrompt.IsCommand(trimmed, "netstat"))
        {
            return;
        }

        if (trimmed.StartsWith("Active ") || trimmed.StartsWith("Registered "))
        {
            // "Active Internet connections (including servers)"; "Active LOCAL (UNIX) domain sockets",
            // "Active kernel event sockets", "Active kernel control sockets": not ports.
            _otherSection = !trimmed.StartsWith("Active Internet");
            _solaris = null;
            return;
        }

        if (TrySolarisSection(trimmed, out var section))
        {
            _solaris = section;
            _otherSection = section.Protocol is null;
            return;
        }

        if (_solaris is { } solaris && !_otherSection)
        {
            SolarisLine(trimmed, number, solaris.Protocol!.Value, solaris.Family);
            return;
        }

        if (trimmed.StartsWith("Proto"))
        {
            _processColumn = trimmed.Contains("process:pid", StringComparison.Ordinal);
            _pidOffset = _processColumn ? -1 : PidOffset(trimmed);
            return;
        }

        Span<Range> r = stackalloc Range[24];
        var n = Fields.Split(trimmed, r);
        var proto = trimmed[r[0]];
        if (_otherSection || !(proto.StartsWith("tcp") || proto.StartsWith("udp")))
        {
            // UNIX rows ("ffffff80... stream 0 0 ..."), icm6, raw; damaged lines in the Internet part are counted.
            if (!_otherSection && !(n >= 3 && Fields.IsInteger(trimmed[r[1]]) && Fields.IsInteger(trimmed[r[2]])))
            {
                _collector.Unreadable(number);
            }

            return;
        }

        if (!TryRow(trimmed, r, n, proto[0] == 't' ? TransportProtocol.Tcp : TransportProtocol.Udp, out var socket, out var next))
        {
            _collector.Unreadable(number);
            return;
        }

        _collector.AddSocket(socket, _processColumn ? ProcessOf(trimmed, r, n, next) : PidOf(trimmed, r, n, next));
    }

    public void Finish()
    {
        _collector.EndLastSnapshot();
        if (_collector.RowsRead > 0 && _collector.RowsWithOwner == 0)
        {
            _collector.Note(new Note(NoteKind.BsdWithoutProcess));
        }

        if (_collector.RowsRead > 0)
        {
            _collector.Note(new Note(NoteKind.BsdNotModelled));
        }

        WindowsNetstatReader.NoteEndpoints(_collector, _endpoints);
    }

    private bool TryRow(ReadOnlySpan<char> trimmed, Span<Range> r, int n, TransportProtocol protocol, out SocketEntry socket, out int next)
    {
        socket = null!;
        next = 5;
        if (n < 5 || !Fields.IsInteger(trimmed[r[1]]) || !Fields.IsInteger(trimmed[r[2]]) ||
            !TryEndpoint(trimmed[r[3]], out var local, out var localFamily) ||
            !TryEndpoint(trimmed[r[4]], out var remote, out var remoteFamily))
        {
            return false;
        }

        var parsed = SocketState.Unknown;
        var named = n > 5 && SocketStateNames.TryParse(trimmed[r[5]], out parsed);
        next = named ? 6 : 5;
        if (!NetstatRowState.TryResolve(named, parsed, protocol, local, remote, out var state))
        {
            return false;
        }

        // tcp46/udp46: one dual-stack socket (IPv6 with IPv4 mapped).
        var proto = trimmed[r[0]];
        var family = proto.EndsWith("6") ? IpFamily.IPv6 : localFamily ?? remoteFamily ?? IpFamily.IPv4;
        socket = new SocketEntry(protocol, family, state, local, remote);
        return true;
    }

    /// <summary>
    /// macOS -anv: rxbytes txbytes rhiwat shiwat, then "process:pid" (right-aligned; a name may have
    /// spaces, "Google Chrome H:812"), then hex columns.
    /// </summary>
    private static (int Pid, string Name)? ProcessOf(ReadOnlySpan<char> trimmed, Span<Range> r, int n, int next)
    {
        var i = next;
        while (i < n && Fields.IsInteger(trimmed[r[i]]))
        {
            i++;
        }

        for (var end = i; end < n && end < i + 4; end++)
        {
            var field = trimmed[r[end]];
            var colon = field.LastIndexOf(':');
            if (colon >= 0 && int.TryParse(field[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                var name = trimmed[r[i].Start.Value..(r[end].Start.Value + colon)].ToString();
                return name.Length == 0 ? null : (pid, name);
            }
        }

        return null;
    }

    /// <summary>
    /// Solaris / illumos `netstat -an` (`-f inet`, `-P tcp`) prints no Proto column but sections:
    /// "TCP: IPv4", "UDP: IPv6", "SCTP:" (skipped). Seen in SmartOS docs (`netstat -f inet -an`) and
    /// in saltstack/salt's SunOS helper docstring.
    /// </summary>
    private static bool TrySolarisSection(ReadOnlySpan<char> trimmed, out (TransportProtocol? Protocol, IpFamily Family) section)
    {
        section = default;
        var colon = trimmed.IndexOf(':');
        if (colon < 3 || colon > 5 || trimmed[..colon].ContainsAnyExceptInRange('A', 'Z'))
        {
            return false;
        }

        var tail = trimmed[(colon + 1)..].Trim();
        if (!(tail.IsEmpty || tail is "IPv4" or "IPv6"))
        {
            return false;
        }

        var family = tail is "IPv6" ? IpFamily.IPv6 : IpFamily.IPv4;
        section = trimmed[..colon] switch
        {
            "TCP" => (TransportProtocol.Tcp, family),
            "UDP" => (TransportProtocol.Udp, family),
            _ => (null, family),
        };
        return true;
    }

    /// <summary>
    /// A Solaris row: TCP "local remote Swind Send-Q Rwind Recv-Q State [If]"; UDP "local [remote]
    /// State" with Idle/Unbound (no peer) or Connected. Column titles and dashes are skipped.
    /// </summary>
    private void SolarisLine(ReadOnlySpan<char> trimmed, long number, TransportProtocol protocol, IpFamily family)
    {
        if (trimmed.StartsWith("Local Address") || !trimmed.ContainsAnyExcept("-–— "))
        {
            return;
        }

        Span<Range> r = stackalloc Range[10];
        var n = Fields.Split(trimmed, r);
        var udpPeer = protocol == TransportProtocol.Udp && n >= 3 && IsDotPort(trimmed[r[1]]);
        var stateAt = protocol == TransportProtocol.Tcp ? 6 : udpPeer ? 2 : 1;
        Endpoint remote = new("*", 0);
        if (n <= stateAt || !TryEndpoint(trimmed[r[0]], out var local, out _) ||
            (protocol == TransportProtocol.Tcp || udpPeer) && !TryEndpoint(trimmed[r[1]], out remote, out _) ||
            !TrySolarisState(trimmed[r[stateAt]], protocol, out var state) ||
            !NetstatRowState.TryResolve(true, state, protocol, local, remote, out state))
        {
            _collector.Unreadable(number);
            return;
        }

        _collector.AddSocket(new SocketEntry(protocol, family, state, local, remote), null);
    }

    /// <summary>UDP says Idle, Unbound or Connected; TCP uses the usual names, and IDLE for a socket not yet bound.</summary>
    private static bool TrySolarisState(ReadOnlySpan<char> text, TransportProtocol protocol, out SocketState state)
    {
        if (protocol == TransportProtocol.Udp)
        {
            state = text switch
            {
                "Idle" or "Unbound" => SocketState.Unconnected,
                "Connected" => SocketState.Established,
                _ => SocketState.Unknown,
            };
            return state != SocketState.Unknown;
        }

        if (text is "IDLE")
        {
            state = SocketState.Closed;
            return true;
        }

        return SocketStateNames.TryParse(text, out state);
    }

    /// <summary>
    /// macOS -v before the process:pid column (Mojave: "(state) rhiwat shiwat pid epid state
    /// options"; Sequoia adds "rxbytes txbytes" first): where "pid" stands among the columns after
    /// "(state)", or -1.
    /// </summary>
    private static int PidOffset(ReadOnlySpan<char> header)
    {
        var state = header.IndexOf("(state)", StringComparison.Ordinal);
        if (state < 0)
        {
            return -1;
        }

        Span<Range> r = stackalloc Range[24];
        var after = header[(state + "(state)".Length)..];
        var n = Fields.Split(after, r);
        for (var i = 0; i < n; i++)
        {
            if (after[r[i]] is "pid")
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The plain pid column of macOS -v (no process name): the owner without its name.</summary>
    private (int Pid, string Name)? PidOf(ReadOnlySpan<char> trimmed, Span<Range> r, int n, int next)
    {
        var at = next + _pidOffset;
        return _pidOffset >= 0 && at < n && int.TryParse(trimmed[r[at]], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? (pid, "")
            : null;
    }

    private static bool IsDotPort(ReadOnlySpan<char> text)
    {
        var dot = text.LastIndexOf('.');
        return dot > 0 && dot > text.LastIndexOf(':') && dot < text.Length - 1;
    }

    /// <summary>"10.0.0.5.443", "*.*", "*.80", "::1.8080", "fe80::1%lo0.5353", "localhost.57998": port after the last dot.</summary>
    private bool TryEndpoint(ReadOnlySpan<char> text, out Endpoint endpoint, out IpFamily? family)
    {
        endpoint = default;
        family = null;
        var dot = text.LastIndexOf('.');
        if (!IsDotPort(text) || text.Length > 120)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[128];
        var address = text[..dot];
        var port = text[(dot + 1)..];
        var length = 0;
        var v6 = address.Contains(':');
        if (v6)
        {
            buffer[length++] = '[';
        }

        address.CopyTo(buffer[length..]);
        length += address.Length;
        if (v6)
        {
            buffer[length++] = ']';
        }

        buffer[length++] = ':';
        port.CopyTo(buffer[length..]);
        length += port.Length;
        return _endpoints.TryParse(buffer[..length], out endpoint, out family);
    }
}
