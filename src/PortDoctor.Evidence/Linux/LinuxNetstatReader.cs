using System.Globalization;

namespace PortDoctor.Evidence.Linux;

/// <summary>Reads "tcp 0 0 local remote STATE [pid/name]" rows.</summary>
internal sealed class LinuxNetstatReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new() { AcceptCutIPv6 = true };
    private readonly StateSpellings _states = new();
    private readonly UnixDateLine _dates = new();
    private bool _sawDate;
    private bool _inUnixSection;
    private bool _sawOwnerColumn;
    private readonly SortedSet<string> _unknownStates = new(StringComparer.Ordinal);
    private long _rowsInBlock;
    private string _command = "";
    private string _blockCommand = "";
    private int _untimedBlocks;

    public LinuxNetstatReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Linux;
    }

    public static bool LooksLikeRow(string line)
    {
        Span<Range> r = stackalloc Range[5];
        var span = line.AsSpan();
        var n = Fields.Split(span, r);
        return n >= 5 && span[r[0]] is "tcp" or "tcp6" or "udp" or "udp6" &&
            Fields.IsInteger(span[r[1]]) && Fields.IsInteger(span[r[2]]);
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var trimmed = line.Trim();
        if (trimmed.IsEmpty)
        {
            return;
        }

        if (_dates.TryParse(trimmed, out var time))
        {
            // `date` before each `netstat` of a monitoring loop: one snapshot per block.
            _collector.BeginSnapshot(time);
            _sawDate = true;
            _inUnixSection = false;
            _rowsInBlock = 0;
            return;
        }

        Span<Range> r = stackalloc Range[10];
        var n = Fields.Split(trimmed, r);
        var proto = trimmed[r[0]];
        if (proto is "unix")
        {
            return;
        }

        if (!(proto is "tcp" or "tcp6" or "udp" or "udp6" or "udpl" or "raw" or "raw6"))
        {
            // Title and column lines, in any language; the UNIX part starts with one mentioning UNIX.
            if (PastedPrompt.IsCommand(trimmed, "netstat"))
            {
                _command = trimmed.ToString();
                return;
            }

            if (proto is not "Proto" && n > 1)
            {
                _inUnixSection = trimmed.Contains("UNIX", StringComparison.Ordinal);
                if (!_inUnixSection)
                {
                    StartUntimedBlock();
                }
            }

            if (_inUnixSection)
            {
                return;
            }

            _sawOwnerColumn |= trimmed.Contains("PID/", StringComparison.Ordinal);
            if (n >= 5 && Fields.IsInteger(trimmed[r[1]]))
            {
                _collector.Unreadable(number);
            }

            return;
        }

        _inUnixSection = false;
        _rowsInBlock++;
        if (proto.StartsWith("raw"))
        {
            return;
        }

        var protocol = proto[0] == 't' ? TransportProtocol.Tcp : TransportProtocol.Udp;
        if (n < 5 || !Fields.IsInteger(trimmed[r[1]]) || !Fields.IsInteger(trimmed[r[2]]) ||
            !_endpoints.TryParse(trimmed[r[3]], out var local, out var localFamily) ||
            !_endpoints.TryParse(trimmed[r[4]], out var remote, out var remoteFamily))
        {
            _collector.Unreadable(number);
            return;
        }

        var (named, parsed, next) = ReadState(trimmed, r, n, protocol);
        if (!NetstatRowState.TryResolve(named, parsed, protocol, local, remote, out var state))
        {
            _collector.Unreadable(number);
            return;
        }

        var family = localFamily ?? remoteFamily ?? (proto.EndsWith("6") ? IpFamily.IPv6 : IpFamily.IPv4);
        var rest = n > next ? trimmed[r[next].Start.Value..] : [];
        var owner = LinuxOwners.NetstatOwner(rest);
        _sawOwnerColumn |= owner is not null || LinuxOwners.HasOwnerPlaceholder(rest);
        _collector.AddSocket(new SocketEntry(protocol, family, state, local, remote), owner);
    }

    /// <summary>
    /// `netstat -c` (and runs pasted one after another) repeat the title line without a time: a
    /// title after Internet rows starts the next sample, and the last one is analysed — unless a
    /// different pasted command line came before it (`$ netstat -tanp`, then `$ netstat -uanp`).
    /// </summary>
    private void StartUntimedBlock()
    {
        if (_rowsInBlock > 0 && !_sawDate && _command == _blockCommand)
        {
            _collector.BeginSnapshot(null);
            _untimedBlocks++;
        }

        _rowsInBlock = 0;
        _blockCommand = _command;
    }

    /// <summary>
    /// The State column: one word, or two in a translation that has a space (Czech "POSLEDNÍ ACK");
    /// on a TCP row (which always has a state) another word is a spelling we do not know, kept as
    /// UNKNOWN and named in a note rather than losing the row.
    /// </summary>
    private (bool Named, SocketState State, int Next) ReadState(ReadOnlySpan<char> trimmed, Span<Range> r, int n, TransportProtocol protocol)
    {
        if (n <= 5)
        {
            return (false, SocketState.Unknown, 5);
        }

        if (_states.TryParse(trimmed[r[5]], out var state))
        {
            return (true, state, 6);
        }

        if (n > 6 && _states.TryParse(trimmed[r[5].Start..r[6].End], out state))
        {
            return (true, state, 7);
        }

        var word = trimmed[r[5]];
        if (protocol == TransportProtocol.Tcp && word is not "-" && !word.Contains('/') && !Fields.IsInteger(word))
        {
            if (_unknownStates.Count < 8)
            {
                _unknownStates.Add(word.ToString());
            }

            return (true, SocketState.Unknown, 6);
        }

        return (false, SocketState.Unknown, 5);
    }

    public void Finish()
    {
        _collector.EndLastSnapshot();
        NoteDates(_collector, _sawDate, _dates);
        if (_collector.RowsRead > 0 && !_sawOwnerColumn && _collector.RowsWithOwner == 0)
        {
            _collector.Note(new Note(NoteKind.NetstatWithoutPid));
        }
        else if (_collector.RowsRead > _collector.RowsWithOwner)
        {
            _collector.Note(new Note(NoteKind.NetstatOwnerDash));
        }

        if (_untimedBlocks > 0)
        {
            _collector.Note(new Note(NoteKind.NetstatUntimedTables) { Count = _untimedBlocks + 1 });
        }

        if (_unknownStates.Count > 0)
        {
            _collector.Note(new Note(NoteKind.UnknownStateNames) { Names = [.. _unknownStates] });
        }

        if (_endpoints.SawCutIPv6)
        {
            _collector.Note(new Note(NoteKind.IPv6AddressesCut));
        }

        WindowsNetstatReader.NoteEndpoints(_collector, _endpoints);
    }

    /// <summary>What a log of `date` lines cannot tell about its times.</summary>
    internal static void NoteDates(EvidenceCollector collector, bool sawDate, UnixDateLine dates)
    {
        if (sawDate && dates.SawZoneName is { } zone)
        {
            collector.Note(new Note(NoteKind.TimeZoneUnresolved) { Name = zone });
        }
    }
}
