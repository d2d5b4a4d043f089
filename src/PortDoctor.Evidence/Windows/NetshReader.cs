using System.Globalization;
using PortDoctor.Evidence.FastPath;

namespace PortDoctor.Evidence.Windows;

/// <summary>Reads netsh blocks; see <see cref="NetshFormat"/>.</summary>
internal sealed class NetshReader : IShapedLineReader, IShapedBatchReader<ExclusionRow, ExclusionRow.Parser>
{
    /// <summary>
    /// More exclusions than any host sets (Hyper-V and WinNAT reserve a few dozen) are a damaged or
    /// hostile file: the rest are counted, not kept, so `range show` and the accounting stay small.
    /// </summary>
    internal const int MaxExclusions = 10_000;
    private readonly EvidenceCollector _collector;
    private long _exclusionsIgnored;
    private readonly HashSet<TransportProtocol> _seenDynamic = [];
    private TransportProtocol? _protocol;
    private IpFamily? _echoedFamily;
    private IpFamily _family = IpFamily.IPv4;
    private int? _start;
    private bool _familyGuessed;
    private bool _protocolAssumed;

    // A field array kept, not a stackalloc per line: no zeroing and no stack cookie per line.
    private readonly Range[] _fields = new Range[4];

    public NetshReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
    }

    /// <summary>"tcp"/"udp" when the line is a block title (or an echoed netsh command), not a "label : value" line.</summary>
    public static string? ProtocolInTitle(string line)
    {
        if (line.Contains(':', StringComparison.Ordinal) && !line.Contains("netsh", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return NetshText.FindProtocol(line) switch
        {
            TransportProtocol.Tcp => "tcp",
            TransportProtocol.Udp => "udp",
            _ => null,
        };
    }

    public static bool TryLabelledNumber(string line, out int value)
    {
        value = 0;
        return NetshText.TryLabelValue(line, out var label, out var number) && !label.All(char.IsAsciiDigit) &&
            int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryExclusionRow(string line, out int start, out int end, out bool administered)
    {
        start = end = 0;
        administered = false;
        var parts = WithoutInlineCode(line).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3 ||
            !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out start) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out end))
        {
            return false;
        }

        administered = parts.Length == 3 && parts[2] == "*";
        return (parts.Length == 2 || administered) && start <= end && end <= 65535;
    }

    /// <summary>
    /// True for the column header of an exclusion table pasted without its title: a line without
    /// digits ("Start Port    End Port", "Puerto de inicio    Puerto final") right above a line of
    /// two dash runs, not Group-Object's "Count Name" (whose rows look the same).
    /// </summary>
    public static bool IsUntitledExclusionHeader(string header, string dashes)
    {
        var text = WithoutInlineCode(header);
        return text.Length > 0 && !text.Any(char.IsAsciiDigit) && !text.StartsWith("Count", StringComparison.Ordinal) &&
            dashes.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is [var first, var second] &&
            first.Trim('-').Length == 0 && second.Trim('-').Length == 0;
    }

    /// <summary>The line without the backticks of Markdown inline code a paste can keep around it.</summary>
    private static string WithoutInlineCode(string line) => line.Trim().Trim('`').Trim();

    /// <summary>
    /// The byte fast path: an exclusion row ("     50000       50059     *") is taken as
    /// <see cref="TryExclusionRow"/> takes it; every other line goes to <see cref="Line"/>.
    /// </summary>
    public bool TryLine(ReadOnlySpan<byte> line, long number) => TryLine(line, AsciiLineShape.Of(line), number);

    /// <summary><see cref="TryLine(ReadOnlySpan{byte}, long)"/> of a line whose shape the line cutter found.</summary>
    public bool TryLine(ReadOnlySpan<byte> line, in AsciiLineShape shape, long number)
    {
        if (!ExclusionRow.TryParse(line, shape, _fields, out var row))
        {
            return false;
        }

        AddExclusion(row.Start, row.End, row.Administered);
        return true;
    }

    /// <summary>On the reading thread: the exclusion rows the chunk workers judged, in file order.</summary>
    public void AcceptRows(ReadOnlySpan<ExclusionRow> rows, long firstNumber, ReadOnlySpan<byte> chunk)
    {
        if (_collector.Excluded.Count >= MaxExclusions)
        {
            // All past the limit: AddExclusion would only count each.
            _exclusionsIgnored += rows.Length;
            return;
        }

        foreach (var row in rows)
        {
            AddExclusion(row.Start, row.End, row.Administered);
        }
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var text = WithoutInlineCode(line.ToString());
        if (text.Length == 0 || text.Trim('-', ' ').Length == 0 || PastedMarkup.IsNoise(text))
        {
            return;
        }

        var lower = text.ToLowerInvariant();
        if (lower.Contains("netsh", StringComparison.Ordinal) || lower.Contains("ipv4", StringComparison.Ordinal) || lower.Contains("ipv6", StringComparison.Ordinal))
        {
            _echoedFamily = lower.Contains("ipv6", StringComparison.Ordinal) ? IpFamily.IPv6 :
                lower.Contains("ipv4", StringComparison.Ordinal) ? IpFamily.IPv4 : _echoedFamily;
        }

        if (ProtocolInTitle(text) is { } protocolName && !TryLabelledNumber(text, out _))
        {
            _protocol = protocolName == "tcp" ? TransportProtocol.Tcp : TransportProtocol.Udp;
            _start = null;
            return;
        }

        if (lower.Contains("netsh", StringComparison.Ordinal) || PromptLine.Is(text))
        {
            // An echoed command ("C:\>netsh int ipv4 show excludedportrange", "PS C:\> docker run ...").
            return;
        }

        if (TryLabelledNumber(text, out var value))
        {
            if (_start is null)
            {
                _start = value;
                return;
            }

            AddDynamic(ProtocolOrAssumed(), _start.Value, value, number);
            _start = null;
            return;
        }

        if (TryExclusionRow(text, out var from, out var to, out var administered))
        {
            AddExclusion(from, to, administered);
            return;
        }

        // Column headers ("Start Port    End Port") and the "* - Administered port exclusions." legend.
        if (!text.Any(char.IsAsciiDigit) || text.StartsWith('*'))
        {
            return;
        }

        _collector.Unreadable(number);
    }

    private void AddExclusion(int from, int to, bool administered)
    {
        if (_collector.Excluded.Count >= MaxExclusions)
        {
            _exclusionsIgnored++;
            return;
        }

        _collector.Excluded.Add(new ExcludedPortRange(ProtocolOrAssumed(), _echoedFamily, PortRange.FromBounds(from, to)) { Administered = administered });
    }

    /// <summary>The block's protocol; TCP when the output was pasted without its title line.</summary>
    private TransportProtocol ProtocolOrAssumed()
    {
        if (_protocol is null)
        {
            _protocolAssumed = true;
        }

        return _protocol ?? TransportProtocol.Tcp;
    }

    public void Finish()
    {
        if (_protocolAssumed)
        {
            _collector.Note(new Note(NoteKind.NetshWithoutTitle));
        }

        if (_familyGuessed)
        {
            _collector.Note(new Note(NoteKind.NetshFamilyAssumed));
        }

        if (_exclusionsIgnored > 0)
        {
            _collector.Note(new Note(NoteKind.ExclusionsIgnored) { Count = _exclusionsIgnored, Numbers = new Dictionary<string, long>(StringComparer.Ordinal) { ["kept"] = MaxExclusions } });
        }

        if (_collector.Excluded.Count > 0 && _echoedFamily is null)
        {
            _collector.Note(new Note(NoteKind.ExclusionsBothFamilies));
        }
    }

    private void AddDynamic(TransportProtocol protocol, int start, int count, long number)
    {
        if (start is < 1 or > 65535 || count < 1 || start + count - 1 > 65535)
        {
            _collector.Unreadable(number);
            return;
        }

        if (_echoedFamily is { } echoed)
        {
            _family = echoed;
        }
        else
        {
            _familyGuessed = true;
            _family = _seenDynamic.Add(protocol) ? IpFamily.IPv4 : IpFamily.IPv6;
        }

        _collector.Dynamic.Add(new DynamicPortRange(protocol, _family, new PortRange(start, count)));
    }
}
