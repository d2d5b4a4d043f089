using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>Reads lsof rows; see <see cref="LsofFormat"/>.</summary>
internal sealed class LsofReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private readonly HashSet<(TransportProtocol, IpFamily, Endpoint, Endpoint)> _seen = [];
    private int _warnings;
    private long _otherFiles;

    public LsofReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Linux;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var trimmed = line.Trim();
        if (trimmed.IsEmpty || trimmed.StartsWith("COMMAND") || PastedPrompt.IsCommand(trimmed, "lsof"))
        {
            return;
        }

        if (LsofFormat.IsWarning(trimmed))
        {
            _warnings += trimmed.StartsWith("lsof:") ? 1 : 0;
            return;
        }

        Span<Range> r = stackalloc Range[14];
        var n = Fields.Split(trimmed, r);
        var node = -1;
        for (var i = 2; i < n; i++)
        {
            if (trimmed[r[i]] is "TCP" or "UDP" && i + 1 < n)
            {
                node = i;
                break;
            }
        }

        if (n < 2 || !int.TryParse(trimmed[r[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            _collector.Unreadable(number);
            return;
        }

        if (node < 0)
        {
            // `lsof -p PID` without -i lists every open file (cwd, txt, mem, REG, unix, FIFO...): not sockets we account for.
            _otherFiles += n >= 5 ? 1 : 0;
            if (n < 5)
            {
                _collector.Unreadable(number);
            }

            return;
        }

        var protocol = trimmed[r[node]] is "TCP" ? TransportProtocol.Tcp : TransportProtocol.Udp;
        var name = trimmed[r[node + 1]];
        var arrow = name.IndexOf("->", StringComparison.Ordinal);
        var localText = arrow < 0 ? name : name[..arrow];
        Endpoint remote = new("*", 0);
        IpFamily? remoteFamily = null;
        if (!_endpoints.TryParse(localText, out var local, out var localFamily) ||
            arrow >= 0 && !_endpoints.TryParse(name[(arrow + 2)..], out remote, out remoteFamily))
        {
            _collector.Unreadable(number);
            return;
        }

        var state = protocol == TransportProtocol.Udp
            ? (arrow < 0 ? SocketState.Unconnected : SocketState.Established)
            : SocketState.Bound;
        if (node + 2 < n)
        {
            var stateText = trimmed[r[node + 2]].Trim("()");
            if (!SocketStateNames.TryParse(stateText, out state))
            {
                _collector.Unreadable(number);
                return;
            }
        }

        IpFamily? typeFamily = node >= 3 ? trimmed[r[node - 3]] switch { "IPv6" => IpFamily.IPv6, "IPv4" => IpFamily.IPv4, _ => null } : null;
        var family = typeFamily ?? localFamily ?? remoteFamily ?? IpFamily.IPv4;
        if (!_seen.Add((protocol, family, local, remote)))
        {
            return;
        }

        _collector.AddSocket(new SocketEntry(protocol, family, state, local, remote), (pid, trimmed[r[0]].ToString()));
    }

    public void Finish()
    {
        _collector.EndSnapshot();
        _collector.Note("lsof lists sockets of processes only: TIME_WAIT sockets (no owner) are not in it");
        if (_otherFiles > 0)
        {
            _collector.Note(string.Create(CultureInfo.InvariantCulture, $"{_otherFiles} lsof rows are not TCP/UDP sockets (files, pipes, unix sockets): skipped"));
        }

        if (_warnings > 0)
        {
            _collector.Note(string.Create(CultureInfo.InvariantCulture, $"lsof printed {_warnings} warnings (such as file systems it could not stat): read past them"));
        }
        WindowsNetstatReader.NoteEndpoints(_collector, _endpoints);
    }
}
