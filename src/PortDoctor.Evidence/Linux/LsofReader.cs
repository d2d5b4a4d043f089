using System.Globalization;

namespace PortDoctor.Evidence.Linux;

/// <summary>Reads lsof rows; see <see cref="LsofFormat"/>.</summary>
internal sealed class LsofReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private readonly HashSet<(TransportProtocol, IpFamily, Endpoint, Endpoint)> _seen = [];
    private int _warnings;
    private long _otherFiles;
    private bool _sawContent;
    private bool _fieldMode;
    private int _filePid = -1;
    private string _fileCommand = "";
    private string? _fileType;
    private string? _fileProtocol;
    private string? _fileName;
    private string? _fileState;
    private long _fileLine;

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

        if (!_sawContent)
        {
            _sawContent = true;
            _fieldMode = LsofFormat.IsFieldOutput(trimmed);
        }

        if (_fieldMode)
        {
            FieldLine(trimmed, number);
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

        if (!TryAdd(trimmed[r[node]], trimmed[r[node + 1]], node + 2 < n ? trimmed[r[node + 2]].Trim("()") : [],
            node >= 3 ? trimmed[r[node - 3]] : [], pid, trimmed[r[0]]))
        {
            _collector.Unreadable(number);
        }
    }

    /// <summary>
    /// One socket file: protocol ("TCP"/"UDP"), NAME ("a:b->c:d"), TCP state ("ESTABLISHED", empty when
    /// not shown), TYPE ("IPv4"/"IPv6", or empty); false when the name or state cannot be read.
    /// </summary>
    private bool TryAdd(ReadOnlySpan<char> protocolText, ReadOnlySpan<char> name, ReadOnlySpan<char> stateText, ReadOnlySpan<char> type, int pid, ReadOnlySpan<char> command)
    {
        var protocol = protocolText is "TCP" ? TransportProtocol.Tcp : TransportProtocol.Udp;
        var arrow = name.IndexOf("->", StringComparison.Ordinal);
        var localText = arrow < 0 ? name : name[..arrow];
        Endpoint remote = new("*", 0);
        IpFamily? remoteFamily = null;
        if (!_endpoints.TryParse(localText, out var local, out var localFamily) ||
            arrow >= 0 && !_endpoints.TryParse(name[(arrow + 2)..], out remote, out remoteFamily))
        {
            return false;
        }

        var state = protocol == TransportProtocol.Udp
            ? (arrow < 0 ? SocketState.Unconnected : SocketState.Established)
            : SocketState.Bound;
        if (!stateText.IsEmpty && !SocketStateNames.TryParse(stateText, out state))
        {
            return false;
        }

        IpFamily? typeFamily = type switch { "IPv6" => IpFamily.IPv6, "IPv4" => IpFamily.IPv4, _ => null };
        var family = typeFamily ?? localFamily ?? remoteFamily ?? IpFamily.IPv4;
        if (_seen.Add((protocol, family, local, remote)))
        {
            _collector.AddSocket(new SocketEntry(protocol, family, state, local, remote), (pid, command.ToString()));
        }

        return true;
    }

    /// <summary>
    /// One field of `lsof -F` (produced here with lsof 4.95: `lsof -i -F`, `lsof -nP -i -F pcnPTt`):
    /// "p6488" starts a process, "cnginx" names it, "f3" starts a file; "tIPv4", "PTCP", "n*:8080",
    /// "TST=LISTEN" describe it. Without f in the field list a repeated t/P/n starts the next file.
    /// </summary>
    private void FieldLine(ReadOnlySpan<char> field, long number)
    {
        if (field.IsEmpty)
        {
            return;
        }

        var value = field[1..];
        switch (field[0])
        {
            case 'p':
                FlushFile();
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _filePid))
                {
                    _filePid = -1;
                    _collector.Unreadable(number);
                }

                _fileCommand = "";
                break;
            case 'c':
                _fileCommand = value.ToString();
                break;
            case 'f':
                FlushFile();
                break;
            case 't' or 'P' or 'n':
                ref var slot = ref field[0] == 't' ? ref _fileType : ref field[0] == 'P' ? ref _fileProtocol : ref _fileName;
                if (slot is not null)
                {
                    FlushFile();
                }

                slot = value.ToString();
                _fileLine = number;
                break;
            case 'T' when value.StartsWith("ST="):
                _fileState = value[3..].ToString();
                break;
        }
    }

    /// <summary>Ends the open -F file: a TCP/UDP socket is added, another file counted.</summary>
    private void FlushFile()
    {
        if (_fileProtocol is "TCP" or "UDP" && _fileName is not null && _filePid >= 0)
        {
            if (!TryAdd(_fileProtocol, _fileName, _fileState, _fileType, _filePid, _fileCommand))
            {
                _collector.Unreadable(_fileLine);
            }
        }
        else if (_fileProtocol is not null || _fileName is not null || _fileType is not null)
        {
            _otherFiles++;
        }

        _fileType = _fileProtocol = _fileName = _fileState = null;
    }

    public void Finish()
    {
        FlushFile();
        _collector.EndLastSnapshot();
        _collector.Note(new Note(NoteKind.LsofWithoutTimeWait));
        if (_otherFiles > 0)
        {
            _collector.Note(new Note(NoteKind.LsofNonSocketRows) { Count = _otherFiles });
        }

        if (_warnings > 0)
        {
            _collector.Note(new Note(NoteKind.LsofWarnings) { Count = _warnings });
        }
        WindowsNetstatReader.NoteEndpoints(_collector, _endpoints);
    }
}
