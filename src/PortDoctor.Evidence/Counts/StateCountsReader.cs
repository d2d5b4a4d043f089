using System.Globalization;

namespace PortDoctor.Evidence.Counts;

/// <summary>Reads "count STATE" / "STATE count" lines; see <see cref="StateCountsFormat"/>.</summary>
internal sealed class StateCountsReader : IEvidenceLineReader
{
    private const int MaxPerState = 1_000_000;
    private const long MaxTotal = 4_000_000;
    private readonly EvidenceCollector _collector;
    private long _total;
    private SocketState? _counted;

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

        /// <summary>A command that prints one state's count: <c>netstat -an | find /c "TIME_WAIT"</c>.</summary>
        CountCommand,

        /// <summary>A bare number: the count the command above printed.</summary>
        Count,
        Other,
    }

    /// <summary>
    /// A command printing how many sockets are in one state, as runbooks give it: <c>netstat -an |
    /// find /c "TIME_WAIT"</c> (cmd), <c>(Get-NetTCPConnection -State TimeWait).Count</c>,
    /// <c>netstat -tan | grep TIME_WAIT | wc -l</c> or <c>grep -c</c>; the state is the last word
    /// of the command that names one.
    /// </summary>
    internal static bool TryCountCommand(ReadOnlySpan<char> trimmed, out SocketState state, out bool windows)
    {
        state = SocketState.Unknown;
        var text = trimmed.ToString();
        var find = text.LastIndexOf("find /c", StringComparison.OrdinalIgnoreCase);
        windows = find >= 0 || text.EndsWith(".Count", StringComparison.OrdinalIgnoreCase);
        if (!windows && !text.Contains("wc -l", StringComparison.Ordinal) && !text.Contains("grep -c", StringComparison.Ordinal))
        {
            return false;
        }

        var words = (find >= 0 ? text[(find + 7)..] : text).Split([' ', '\t', '"', '\'', '(', ')', '|'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = words.Length - 1; i >= 0; i--)
        {
            var word = words[i].EndsWith(".Count", StringComparison.OrdinalIgnoreCase) ? words[i][..^6] : words[i];
            if (word.Length > 0 && !word.All(char.IsAsciiDigit) && LocalizedStateNames.TryParse(word, out state))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What one line is; for a state line, its state and count.</summary>
    public static LineKind Classify(ReadOnlySpan<char> line, out SocketState state, out long count)
    {
        state = SocketState.Unknown;
        count = 0;
        var trimmed = line.Trim();
        if (TryCountCommand(trimmed, out state, out _))
        {
            return LineKind.CountCommand;
        }

        if (PromptLine.Is(trimmed))
        {
            return LineKind.Prompt;
        }

        if (trimmed.StartsWith("$") || trimmed.StartsWith("#") || trimmed.Contains("uniq", StringComparison.Ordinal))
        {
            return LineKind.Prompt;
        }

        Span<Range> r = stackalloc Range[3];
        var fields = Fields.Split(trimmed, r);
        if (fields == 1 && long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            return LineKind.Count;
        }

        if (fields != 2)
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

        if (kind == LineKind.CountCommand)
        {
            _counted = state;
            TryCountCommand(line.Trim(), out _, out var windows);
            _collector.Os = windows ? OsKind.Windows : _collector.Os;
            return;
        }

        if (kind == LineKind.Count)
        {
            // Only the line right under its command is that state's count.
            (state, kind, _counted) = (_counted ?? SocketState.Unknown, _counted is null ? LineKind.Other : LineKind.State, null);
        }

        // More than a host could hold is a damaged row, and must not become millions of objects.
        if (kind != LineKind.State || count > MaxPerState || _total + count > MaxTotal)
        {
            _collector.Unreadable(number);
            return;
        }

        _total += count;
        var protocol = state == SocketState.Unconnected ? TransportProtocol.Udp : TransportProtocol.Tcp;
        _collector.AddCount(new SocketCount(protocol, state, (int)count));
    }

    public void Finish()
    {
        _collector.EndLastSnapshot();
        _collector.Note(new Note(NoteKind.StateCountsOnly));
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
