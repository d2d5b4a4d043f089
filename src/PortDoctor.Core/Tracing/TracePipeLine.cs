using System.Globalization;
using System.Text.RegularExpressions;

namespace PortDoctor.Core.Tracing;

/// <summary>
/// Parses trace_pipe lines of the syscalls connect/bind events, e.g.
/// <c>python3-1626 (   1626) [000] ..... 11034.749923: sys_bind(fd: 4, umyaddr: 0x7ffe42e73ea0, addrlen: 0x10)</c>
/// and <c>python3-1626 (   1626) [000] ..... 11034.749925: sys_bind -> 0xffffffffffffff9e</c>.
/// Numbers are hex with 0x or decimal (kernels differ); the tgid column is there only with record-tgid.
/// </summary>
public static partial class TracePipeLine
{
    /// <summary>The record of a connect/bind event line, or null for any other line (markers, other events, junk).</summary>
    public static TraceRecord? Parse(string line)
    {
        var match = EventLine().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var isConnect = match.Groups["name"].ValueSpan.SequenceEqual("sys_connect");
        var rest = match.Groups["rest"].Value;
        var tgid = match.Groups["tgid"] is { Success: true } t && t.ValueSpan[0] != '-' ? Int(t.Value) : (int?)null;
        var common = new TraceRecord(
            match.Groups["comm"].Value.Trim(),
            Int(match.Groups["tid"].Value),
            tgid,
            double.Parse(match.Groups["ts"].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture),
            isConnect ? TraceEventKind.ConnectEnter : TraceEventKind.BindEnter);
        if (rest.StartsWith(" -> ", StringComparison.Ordinal))
        {
            return Number(rest.AsSpan(4).Trim()) is { } ret
                ? common with { Kind = isConnect ? TraceEventKind.ConnectExit : TraceEventKind.BindExit, Return = ret }
                : null;
        }

        if (!rest.StartsWith('('))
        {
            return null;
        }

        return Field(rest, "fd") is { } fd && Field(rest, "addrlen") is { } length
            ? common with { Fd = fd, AddressLength = length }
            : null;
    }

    /// <summary>The count of a <c>CPU:1 [LOST 123 EVENTS]</c> line (the ring buffer overran), else null.</summary>
    public static long? LostEvents(string line)
    {
        var match = LostLine().Match(line);
        return match.Success ? long.Parse(match.Groups["n"].ValueSpan, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A hex (0x..., read as a 64-bit two's complement value) or decimal number.</summary>
    internal static long? Number(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var raw)
                ? unchecked((long)raw)
                : null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static long? Field(string arguments, string name)
    {
        var start = arguments.IndexOf(name + ": ", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var value = arguments.AsSpan(start + name.Length + 2);
        var end = value.IndexOfAny(',', ')');
        return Number(end < 0 ? value : value[..end]);
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    // comm is greedy: a thread name may itself hold '-' and digits; the last "-tid" before the columns wins.
    [GeneratedRegex(@"^\s*(?<comm>.+)-(?<tid>\d+)\s+(?:\(\s*(?<tgid>\d+|-+)\)\s+)?\[(?<cpu>\d+)\]\s+(?:\S+\s+)?(?<ts>\d+\.\d+):\s+(?<name>sys_connect|sys_bind)(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex EventLine();

    [GeneratedRegex(@"^CPU:\d+ \[LOST (?<n>\d+) EVENTS\]", RegexOptions.CultureInvariant)]
    private static partial Regex LostLine();
}
