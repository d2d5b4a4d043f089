using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>Reads ss rows; see <see cref="LinuxSsFormat"/>.</summary>
internal sealed class LinuxSsReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private readonly TransportProtocol _protocolWithoutNetid;
    private bool _summary;
    private bool _sawNetid;

    public LinuxSsReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Linux;

        // Without -t and -u together ss prints no Netid column: `ss -uan` rows look like TCP ones.
        _protocolWithoutNetid = Path.GetFileName(collector.Path).Contains("udp", StringComparison.OrdinalIgnoreCase)
            ? TransportProtocol.Udp
            : TransportProtocol.Tcp;
    }

    public static bool LooksLikeRow(string line)
    {
        Span<Range> r = stackalloc Range[8];
        var span = line.AsSpan();
        var n = Fields.Split(span, r);
        if (n < 5)
        {
            return false;
        }

        var offset = span[r[0]] is "tcp" or "udp" ? 1 : 0;
        return n >= offset + 5 && SocketStateNames.TryParse(span[r[offset]], out _) &&
            Fields.IsInteger(span[r[offset + 1]]) && Fields.IsInteger(span[r[offset + 2]]);
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var trimmed = line.Trim();
        if (trimmed.IsEmpty || trimmed.StartsWith("State") || trimmed.StartsWith("Netid"))
        {
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
        if (n > 0 && !SocketStateNames.TryParse(trimmed[r[0]], out _))
        {
            var netid = trimmed[r[0]];
            _sawNetid = true;
            protocol = TransportProtocol.Tcp;
            if (netid is "udp" or "udp6")
            {
                protocol = TransportProtocol.Udp;
            }
            else if (netid is not ("tcp" or "tcp6"))
            {
                // u_str, nl, raw, p_raw...: not ports.
                if (netid.Length <= 6 && n >= 5 && Fields.IsInteger(trimmed[r[2]]))
                {
                    return;
                }

                _collector.Unreadable(number);
                return;
            }

            offset = 1;
        }

        if (n < offset + 5 ||
            !SocketStateNames.TryParse(trimmed[r[offset]], out var state) ||
            !Fields.IsInteger(trimmed[r[offset + 1]]) || !Fields.IsInteger(trimmed[r[offset + 2]]) ||
            !_endpoints.TryParse(trimmed[r[offset + 3]], out var local, out var localFamily) ||
            !_endpoints.TryParse(trimmed[r[offset + 4]], out var remote, out var remoteFamily))
        {
            _collector.Unreadable(number);
            return;
        }

        if (protocol == TransportProtocol.Udp && state == SocketState.Established && remote.Port == 0)
        {
            state = SocketState.Unconnected;
        }
        else if (protocol == TransportProtocol.Tcp && state is SocketState.Unconnected or SocketState.Closed && local.Port != 0)
        {
            // A TCP socket bound but neither listening nor connected (kernel state CLOSE).
            state = SocketState.Bound;
        }

        var owner = n > offset + 5 ? LinuxOwners.SsUsers(trimmed[r[offset + 5].Start.Value..]) : null;
        _collector.AddSocket(new SocketEntry(protocol, localFamily ?? remoteFamily ?? IpFamily.IPv4, state, local, remote), owner);
    }

    public void Finish()
    {
        _collector.EndSnapshot();
        if (_collector.RowsRead > 0 && _collector.RowsWithOwner == 0)
        {
            _collector.Note("no process column (ss without -p): per-process attribution unavailable");
        }

        if (_summary)
        {
            _collector.Note("ss -s gives totals only: no ports, no processes");
        }

        if (_collector.RowsRead > 0 && !_sawNetid)
        {
            _collector.Note(_protocolWithoutNetid == TransportProtocol.Udp
                ? "no Netid column: rows read as UDP because the file name says udp"
                : "no Netid column: rows read as TCP (name the file with \"udp\" for ss -uan output)");
        }

        WindowsNetstatReader.NoteEndpoints(_collector, _endpoints);
    }

    private void ReadSummary(ReadOnlySpan<char> line)
    {
        // "TCP:   567 (estab 12, closed 500, orphaned 0, timewait 498)"
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
        foreach (var part in line[(open + 1)..close].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var space = part.LastIndexOf(' ');
            if (space > 0 && int.TryParse(part.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                _collector.Settings[$"ss -s tcp {part[..space]}"] = value.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
