namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// What the readers' byte fast paths (<see cref="IUtf8LineReader.TryLine"/>) share: fields of a
/// plain ASCII line split on spaces and tabs as <c>Split([' ', '\t'], RemoveEmptyEntries)</c> splits
/// them, and numbers read as <c>int.TryParse(NumberStyles.None)</c> reads them. A line with any byte
/// the general path treats specially (not ASCII, a control other than tab) is left to it.
/// </summary>
internal static class AsciiFields
{
    /// <summary>
    /// The first <c>fields.Length</c> fields; returns how many there are (at most fields.Length, so a
    /// count equal to it means "that many or more"), or -1 when the line is not plain ASCII.
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var start = -1;
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            if (b is (byte)' ' or (byte)'\t')
            {
                if (start >= 0)
                {
                    fields[count++] = new Range(start, i);
                    start = -1;
                    if (count == fields.Length)
                    {
                        return IsPlain(line[i..]) ? count : -1;
                    }
                }
            }
            else if (b is < 0x20 or >= 0x7F)
            {
                return -1;
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            fields[count++] = new Range(start, line.Length);
        }

        return count;
    }

    /// <summary>Digits only (any number of leading zeros), at most <see cref="int.MaxValue"/>.</summary>
    public static bool TryInt(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        long total = 0;
        foreach (var b in digits)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            total = (total * 10) + digit;
            if (total > int.MaxValue)
            {
                return false;
            }
        }

        value = (int)total;
        return true;
    }

    /// <summary>True when the bytes hold none the general path treats specially.</summary>
    public static bool IsPlain(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not (byte)'\t' and (< 0x20 or >= 0x7F))
            {
                return false;
            }
        }

        return true;
    }
}
