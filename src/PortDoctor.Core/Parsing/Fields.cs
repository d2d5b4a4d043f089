namespace PortDoctor.Core.Parsing;

/// <summary>Whitespace-separated fields of one line, without allocating.</summary>
public static class Fields
{
    /// <summary>Splits on spaces and tabs; the last range holds the rest when there are more fields than room.</summary>
    public static int Split(ReadOnlySpan<char> line, Span<Range> ranges) =>
        line.SplitAny(ranges, " \t", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

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
}
