using System.Globalization;

namespace PortDoctor.Evidence.Bsd;

/// <summary>Reads sockstat rows; see <see cref="BsdSockstatFormat"/>.</summary>
internal sealed class BsdSockstatReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();

    // sockstat lists a socket once per holder (httpd 774, 773, ... all on *:80): kept once, with the
    // lowest PID, in the order first seen. A sockstat table is small: it is built at the end.
    private readonly Dictionary<(TransportProtocol, IpFamily, Endpoint, Endpoint), int> _index = [];
    private readonly List<(SocketEntry Socket, (int Pid, string Name)? Owner)> _rows = [];
    private long _unixRows;
    private long _stateless;

    public BsdSockstatReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Unknown;
    }

    /// <summary>"root sshd 815 4 tcp4 *:22 *:*": a protocol in the fifth column and two endpoints.</summary>
    public static bool LooksLikeRow(string line)
    {
        Span<Range> r = stackalloc Range[8];
        var span = line.AsSpan();
        var n = Fields.Split(span, r);
        return n >= 7 && IsInternet(span[r[4]]) && (Fields.IsInteger(span[r[2]]) || span[r[2]] is "?") &&
            span[r[5]].Contains(':') && span[r[6]].Contains(':');
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var trimmed = line.Trim();
        if (trimmed.IsEmpty || trimmed.StartsWith("USER") || PastedPrompt.IsCommand(trimmed, "sockstat"))
        {
            return;
        }

        Span<Range> r = stackalloc Range[12];
        var n = Fields.Split(trimmed, r);
        if (n >= 5 && !IsInternet(trimmed[r[4]]) && (Fields.IsInteger(trimmed[r[2]]) || trimmed[r[2]] is "?"))
        {
            // stream, dgram, seqpacket (UNIX), sctp: not ports we account for.
            _unixRows++;
            return;
        }

        if (n < 7 || !IsInternet(trimmed[r[4]]) ||
            !_endpoints.TryParse(trimmed[r[5]], out var local, out var localFamily) ||
            !_endpoints.TryParse(trimmed[r[6]], out var remote, out var remoteFamily))
        {
            _collector.Unreadable(number);
            return;
        }

        var proto = trimmed[r[4]];
        var protocol = proto[0] == 't' ? TransportProtocol.Tcp : TransportProtocol.Udp;
        var state = StateOf(trimmed, r, n, protocol, remote);
        var family = proto.EndsWith("4") ? IpFamily.IPv4 : proto.EndsWith("6") ? IpFamily.IPv6 : localFamily ?? remoteFamily ?? IpFamily.IPv4;
        (int Pid, string Name)? owner = int.TryParse(trimmed[r[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? (pid, trimmed[r[1]].ToString())
            : null;
        Add(new SocketEntry(protocol, family, state, local, remote), owner);
    }

    public void Finish()
    {
        foreach (var (socket, owner) in _rows)
        {
            _collector.AddSocket(socket, owner);
        }

        _collector.EndLastSnapshot();
        if (_unixRows > 0)
        {
            _collector.Note(new Note(NoteKind.SockstatNonSocketRows) { Count = _unixRows });
        }

        if (_stateless > 0)
        {
            _collector.Note(new Note(NoteKind.SockstatWithoutState) { Count = _stateless });
        }

        if (_collector.RowsRead > 0)
        {
            _collector.Note(new Note(NoteKind.BsdNotModelled));
        }

        WindowsNetstatReader.NoteEndpoints(_collector, _endpoints);
    }

    private static bool IsInternet(ReadOnlySpan<char> proto) =>
        proto is "tcp4" or "tcp6" or "tcp46" or "udp4" or "udp6" or "udp46" or "tcp" or "udp";

    /// <summary>The CONN STATE column of -s (last on the row), else what the peer tells.</summary>
    private SocketState StateOf(ReadOnlySpan<char> trimmed, Span<Range> r, int n, TransportProtocol protocol, Endpoint remote)
    {
        if (n > 7 && SocketStateNames.TryParse(trimmed[r[n - 1]], out var state))
        {
            return protocol == TransportProtocol.Tcp && state == SocketState.Closed ? SocketState.Bound : state;
        }

        if (protocol == TransportProtocol.Udp)
        {
            return remote.Port == 0 ? SocketState.Unconnected : SocketState.Established;
        }

        _stateless++;
        return remote.Port == 0 ? SocketState.Listen : SocketState.Established;
    }

    private void Add(SocketEntry socket, (int Pid, string Name)? owner)
    {
        var key = (socket.Protocol, socket.Family, socket.Local, socket.Remote);
        if (!_index.TryGetValue(key, out var at))
        {
            _index[key] = _rows.Count;
            _rows.Add((socket, owner));
        }
        else if (owner is { } known && (_rows[at].Owner is not { } kept || known.Pid < kept.Pid))
        {
            _rows[at] = (socket, owner);
        }
    }
}
