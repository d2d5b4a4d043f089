using System.Globalization;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>Reads "count STATE" / "STATE count" lines; see <see cref="StateCountsFormat"/>.</summary>
internal sealed class StateCountsReader : IEvidenceLineReader
{
    private const int MaxPerState = 1_000_000;
    private const long MaxTotal = 4_000_000;
    private static readonly Endpoint Unknown = new("*", 0);
    private readonly EvidenceCollector _collector;
    private long _total;

    public StateCountsReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Linux;
    }

    internal enum LineKind
    {
        State,

        /// <summary>A word from a header line that the awk column picked up ("Foreign", "established)").</summary>
        HeaderWord,

        /// <summary>A pasted prompt line, e.g. "$ netstat -tan | awk '{print $6}' | sort | uniq -c".</summary>
        Prompt,
        Other,
    }

    /// <summary>What one line is; for a state line, its state and count.</summary>
    public static LineKind Classify(ReadOnlySpan<char> line, out SocketState state, out long count)
    {
        state = SocketState.Unknown;
        count = 0;
        var trimmed = line.Trim();
        if (trimmed.StartsWith("$") || trimmed.StartsWith("#") || trimmed.Contains("uniq", StringComparison.Ordinal))
        {
            return LineKind.Prompt;
        }

        Span<Range> r = stackalloc Range[3];
        if (Fields.Split(trimmed, r) != 2)
        {
            return LineKind.Other;
        }

        var countFirst = Fields.IsInteger(trimmed[r[0]]);
        var number = trimmed[r[countFirst ? 0 : 1]];
        var word = trimmed[r[countFirst ? 1 : 0]];
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            return LineKind.Other;
        }

        if (IsUpperCaseName(word) && SocketStateNames.TryParse(word, out state))
        {
            return LineKind.State;
        }

        return word is "Foreign" or "Local" or "State" or "Address" or "Address:Port" or "Recv-Q" or "Send-Q" or "Proto" or "Netid" or
            "established)" or "servers)" or "connections" or "PID/Program" or "Peer" or "STREAM" or "DGRAM" or "SEQPACKET" or "CONNECTED" or "I-Node"
            ? LineKind.HeaderWord
            : LineKind.Other;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        if (line.IsWhiteSpace())
        {
            return;
        }

        var kind = Classify(line, out var state, out var count);
        if (kind is LineKind.HeaderWord or LineKind.Prompt)
        {
            return;
        }

        // More than a host could hold is a damaged row, and must not become millions of objects.
        if (kind != LineKind.State || count > MaxPerState || _total + count > MaxTotal)
        {
            _collector.Unreadable(number);
            return;
        }

        _total += count;
        var protocol = state == SocketState.Unconnected ? TransportProtocol.Udp : TransportProtocol.Tcp;
        for (var i = 0; i < count; i++)
        {
            _collector.AddSocket(new SocketEntry(protocol, IpFamily.IPv4, state, Unknown, Unknown));
        }
    }

    public void Finish()
    {
        _collector.EndSnapshot();
        _collector.Note("counts per state only: no addresses, ports or processes (port usage per range cannot be computed; pass the netstat or ss output itself for that)");
    }

    private static bool IsUpperCaseName(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
