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

    /// <summary>
    /// The bytes without leading and trailing spaces and tabs (what <c>Trim()</c> removes from a
    /// plain line). Vectorized: <c>Trim(" \t"u8)</c> tests every byte against each blank in turn.
    /// </summary>
    public static ReadOnlySpan<byte> TrimBlanks(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.IndexOfAnyExcept((byte)' ', (byte)'\t');
        return start < 0 ? default : bytes[start..(bytes.LastIndexOfAnyExcept((byte)' ', (byte)'\t') + 1)];
    }

    /// <summary>True when the bytes hold none the general path treats specially (only printable ASCII and tabs).</summary>
    public static bool IsPlain(ReadOnlySpan<byte> bytes)
    {
        // Vectorized: a long continuation line is checked a register at a time, a tab at a time.
        var i = bytes.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
        while (i >= 0)
        {
            if (bytes[i] != (byte)'\t')
            {
                return false;
            }

            var next = bytes[(i + 1)..].IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return true;
    }
}
