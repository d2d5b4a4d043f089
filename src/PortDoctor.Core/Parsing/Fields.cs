namespace PortDoctor.Core.Parsing;

/// <summary>Whitespace-separated fields of one line, without allocating.</summary>
public static class Fields
{
    /// <summary>
    /// Splits on spaces and tabs; when there are more fields than room, the last range holds the
    /// rest of the line. Hand-rolled over vectorized IndexOfAny: netstat pads columns with runs of
    /// spaces, which string splitting turns into many empty entries (the hot path of a 1 GB log).
    /// </summary>
    public static int Split(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        var count = 0;
        var position = 0;
        while (count < ranges.Length)
        {
            var skip = line[position..].IndexOfAnyExcept(' ', '\t');
            if (skip < 0)
            {
                break;
            }

            var start = position + skip;
            if (count == ranges.Length - 1)
            {
                ranges[count++] = new Range(start, line.Length - TrailingBlanks(line));
                break;
            }

            var length = line[start..].IndexOfAny(' ', '\t');
            var end = length < 0 ? line.Length : start + length;
            ranges[count++] = new Range(start, end);
            position = end;
        }

        return count;
    }

    public static bool IsInteger(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int TrailingBlanks(ReadOnlySpan<char> line) => line.Length - line.TrimEnd(" \t").Length;
}
