using System.Text;

namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// What a chunk worker can tell about a netstat log line that is no row, without the reader's
/// state: a blank line, the English column header, or a timestamp line of the one shape a periodic
/// log writes ("Mon 01/15/2024 14:30:00.12", "15.01.2024 14:30:00,12", "2024/01/15 14:30:00"),
/// with its numbers. The reading thread then only applies the state (a held half row, the file's
/// day/month order): see <see cref="Windows.WindowsNetstatReader"/>. Packed into one number so a
/// chunk keeps it beside the line's place; 0 means nothing is known and the line is read as before.
/// </summary>
internal static class NetstatLineMark
{
    public const ulong Blank = 1;
    public const ulong Header = 2;
    public const ulong Timestamp = 3;

    /// <summary>
    /// netstat's title line ("Active Connections"): of kind 0 (the reader reads it as before), marked
    /// only so that a block counted on a worker may hold it before its rows, where the reader ignores it.
    /// </summary>
    public const ulong Title = 1UL << 60;
    private const ulong KindMask = 3;

    /// <summary>The last header line this thread marked (a worker's own: <see cref="Of"/> stays pure).</summary>
    [ThreadStatic]
    private static byte[]? _lastHeader;

    /// <summary>Pure: the mark of a line the row parser declined.</summary>
    public static ulong Of(ReadOnlySpan<byte> line)
    {
        // A periodic log's next timestamp line (one line in four of a one-row log) is tried first:
        // a line starting with the last timestamp line's date is no blank line and no header (its clock has a ':').
        if (TryNextTimestamp(line, out var next))
        {
            return next;
        }

        if (line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0)
        {
            return Blank;
        }

        // A log repeats one header line: the same bytes are the same answer.
        if (_lastHeader is { } last && line.SequenceEqual(last))
        {
            return Header;
        }

        if (IsEnglishHeader(line))
        {
            _lastHeader = line.Length <= 256 ? line.ToArray() : null;
            return Header;
        }

        if (TryTimestamp(line, out var mark))
        {
            return mark;
        }

        return AsciiFields.TrimBlanks(line).SequenceEqual("Active Connections"u8) ? Title : 0;
    }

    /// <summary>
    /// Pure: <see cref="Of"/> for the line at <paramref name="start"/> when it is an empty line, the
    /// last header this thread marked, or a timestamp line with the last timestamp line's date (the
    /// lines a periodic log repeats, none of which is a row); 0 for any other line, or one whose end
    /// (and for a CR the byte after it) is not inside <paramref name="data"/>.
    /// </summary>
    public static ulong OfRepeated(ReadOnlySpan<byte> data, int start, out int lineEnd, out int next)
    {
        (lineEnd, next) = (0, 0);
        var rest = data[start..];
        ulong mark;
        int end;
        if (rest.IsEmpty)
        {
            return 0;
        }

        // Told apart by their first bytes, so that a row (the line most often asked about) is not cut
        // here, nor compared with the whole header ("  TCP   " is no "  Proto ").
        if (rest[0] is (byte)'\r' or (byte)'\n')
        {
            (mark, end) = (Blank, 0);
        }
        else if (_lastHeader is { } last && rest.Length > 8 && last.Length > 8 &&
            BitConverter.ToUInt64(rest) == BitConverter.ToUInt64(last) && rest.StartsWith(last))
        {
            // The header has no line end in it: the line is the header when one follows it.
            (mark, end) = (Header, last.Length);
            if (end >= rest.Length || rest[end] is not ((byte)'\r' or (byte)'\n'))
            {
                return 0;
            }
        }
        else if (_datePrefixLength > 0 && rest.StartsWith(_datePrefix.AsSpan(0, _datePrefixLength)))
        {
            end = rest[..Math.Min(rest.Length, MaxRepeated)].IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0 || !TryNextTimestamp(rest[..end], out mark))
            {
                return 0;
            }
        }
        else
        {
            return 0;
        }

        if (end + 1 >= rest.Length)
        {
            return 0;
        }

        lineEnd = start + end;
        next = rest[end] == '\r' && rest[end + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
        return mark;
    }

    /// <summary>The longest timestamp line <see cref="OfRepeated"/> looks at, line end included (trailing blanks may follow 80 bytes).</summary>
    private const int MaxRepeated = 258;

    public static ulong KindOf(ulong mark) => mark & KindMask;

    /// <summary>
    /// The English column header ("  Proto  Local Address ..."), plain ASCII, with no ':' (a header
    /// with one is first tried as a timestamp by the general path). The line is not blank.
    /// </summary>
    public static bool IsEnglishHeader(ReadOnlySpan<byte> line)
    {
        var trimmed = AsciiFields.TrimBlanks(line);
        return trimmed.StartsWith("Proto"u8) && (trimmed.Length == 5 || trimmed[5] is (byte)' ' or (byte)'\t') &&
            !trimmed.Contains((byte)':') && AsciiFields.IsPlain(line);
    }

    /// <summary>The numbers of a timestamp mark (see <see cref="TryTimestamp"/>).</summary>
    public static TimestampParts PartsOf(ulong mark) => new(
        EnglishDay: ((mark >> 2) & 1) != 0,
        YearFirst: ((mark >> 3) & 1) != 0,
        Year: (int)((mark >> 4) & 0xFFF),
        First: (int)((mark >> 16) & 0x1F),
        Second: (int)((mark >> 21) & 0x1F),
        Hour: (int)((mark >> 26) & 0x1F),
        Minute: (int)((mark >> 31) & 0x3F),
        Seconds: (int)((mark >> 37) & 0x3F),
        Centis: (int)((mark >> 43) & 0x7F));

    /// <summary>
    /// "[Ddd ]date clock" in printable ASCII between spaces: Ddd three letters (no "TCP"/"UDP"), the
    /// date three runs of 1-4 digits joined by '.', '/' or '-', the clock H:MM[:SS[.cc or ,cc]].
    /// Only what holds whatever the file's day/month order is checked here (year 1990-2200, both
    /// date parts that may be the day at most 31, the clock in range); the rest is the reader's.
    /// </summary>
    private static bool TryTimestamp(ReadOnlySpan<byte> line, out ulong mark)
    {
        mark = 0;
        if (line.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
        {
            return false;
        }

        var whole = AsciiFields.TrimBlanks(line);
        if (whole.Length is < 8 or > 80)
        {
            return false;
        }

        if (TrySameDate(whole, out mark))
        {
            return true;
        }

        var trimmed = whole;
        var englishDay = false;
        if (char.IsAsciiLetter((char)trimmed[0]))
        {
            if (trimmed.Length < 4 || !char.IsAsciiLetter((char)trimmed[1]) || !char.IsAsciiLetter((char)trimmed[2]) || trimmed[3] != ' ')
            {
                return false;
            }

            var word = trimmed[..3];
            if (Ascii.EqualsIgnoreCase(word, "TCP"u8) || Ascii.EqualsIgnoreCase(word, "UDP"u8))
            {
                return false;
            }

            englishDay = IsEnglishDay(word);
            trimmed = trimmed[3..].TrimStart((byte)' ');
        }

        var space = trimmed.IndexOf((byte)' ');
        if (space < 0 || !TryDate(trimmed[..space], out var yearFirst, out var a, out var b, out var c))
        {
            return false;
        }

        var clock = trimmed[space..].TrimStart((byte)' ');
        if (!TryClock(clock, out var hour, out var minute, out var second, out var centis))
        {
            return false;
        }

        int year, first, secondPart;
        if (yearFirst)
        {
            (year, first, secondPart) = (a, b, c);
            if (first is < 1 or > 12 || secondPart is < 1 or > 31)
            {
                return false;
            }
        }
        else
        {
            (year, first, secondPart) = (c < 100 ? 2000 + c : c, a, b);
            if (first > 31 || secondPart > 31)
            {
                return false;
            }
        }

        if (year is < 1990 or > 2200 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        mark = Timestamp | (englishDay ? 1UL << 2 : 0) | (yearFirst ? 1UL << 3 : 0) | ((ulong)year << 4) | ((ulong)first << 16) |
            ((ulong)secondPart << 21) | ClockBits(hour, minute, second, centis);
        var prefix = whole.Length - clock.Length;
        if (_datePrefix is null || _datePrefix.Length < prefix)
        {
            _datePrefix = new byte[80];
        }

        whole[..prefix].CopyTo(_datePrefix);
        (_datePrefixLength, _dateBits) = (prefix, mark & ~ClockMask);
        return true;
    }

    private const ulong ClockMask = ((1UL << 24) - 1) << 26;

    private static ulong ClockBits(int hour, int minute, int second, int centis) =>
        ((ulong)hour << 26) | ((ulong)minute << 31) | ((ulong)second << 37) | ((ulong)centis << 43);

    /// <summary>The last timestamp line this thread read, up to its clock, and that line's mark without the clock.</summary>
    [ThreadStatic]
    private static byte[]? _datePrefix;

    [ThreadStatic]
    private static int _datePrefixLength;

    [ThreadStatic]
    private static ulong _dateBits;

    /// <summary>
    /// What <see cref="TryTimestamp"/> gives for a line that starts with the last timestamp line's
    /// date (so with no blank): the same checks, only the clock read; false leaves the line to the usual order.
    /// </summary>
    private static bool TryNextTimestamp(ReadOnlySpan<byte> line, out ulong mark)
    {
        mark = 0;
        var length = _datePrefixLength;
        if (length == 0 || line.Length <= length || !line.StartsWith(_datePrefix.AsSpan(0, length)) ||
            line.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
        {
            return false;
        }

        var whole = line.TrimEnd((byte)' ');
        return whole.Length is >= 8 and <= 80 && TrySameDate(whole, out mark);
    }

    /// <summary>
    /// A line equal to the last timestamp line read up to its clock (a periodic log's next sample):
    /// the same day word and date, so only the clock is read, as <see cref="TryTimestamp"/> reads it.
    /// </summary>
    private static bool TrySameDate(ReadOnlySpan<byte> trimmed, out ulong mark)
    {
        mark = 0;
        var length = _datePrefixLength;
        if (length == 0 || trimmed.Length <= length || trimmed[length] == ' ' || !trimmed.StartsWith(_datePrefix.AsSpan(0, length)))
        {
            return false;
        }

        var clock = trimmed[length..];
        if (TryCommonClock(clock, out var bits))
        {
            mark = _dateBits | bits;
            return true;
        }

        if (!TryClock(clock, out var hour, out var minute, out var second, out var centis) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        mark = _dateBits | ClockBits(hour, minute, second, centis);
        return true;
    }

    /// <summary>
    /// "H:MM:SS.cc" or "HH:MM:SS.cc" ('.' or ','), in range: <see cref="TryClock"/>'s answer for
    /// the clock %time% writes, without its loops; false for any other clock (TryClock then reads it).
    /// </summary>
    private static bool TryCommonClock(ReadOnlySpan<byte> clock, out ulong bits)
    {
        bits = 0;
        var h = clock.Length - 9;
        if (h is not (1 or 2) || clock[h] != ':' || clock[h + 3] != ':' || clock[h + 6] is not ((byte)'.' or (byte)',') ||
            !IsDigit(clock[0]) || !IsDigit(clock[h - 1]) || !IsDigit(clock[h + 1]) || !IsDigit(clock[h + 2]) ||
            !IsDigit(clock[h + 4]) || !IsDigit(clock[h + 5]) || !IsDigit(clock[h + 7]) || !IsDigit(clock[h + 8]))
        {
            return false;
        }

        var hour = h == 1 ? clock[0] - '0' : ((clock[0] - '0') * 10) + (clock[1] - '0');
        var minute = ((clock[h + 1] - '0') * 10) + (clock[h + 2] - '0');
        var second = ((clock[h + 4] - '0') * 10) + (clock[h + 5] - '0');
        var centis = ((clock[h + 7] - '0') * 10) + (clock[h + 8] - '0');
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        bits = ClockBits(hour, minute, second, centis);
        return true;

        static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
    }

    private static bool TryDate(ReadOnlySpan<byte> token, out bool yearFirst, out int a, out int b, out int c)
    {
        (yearFirst, b, c) = (false, 0, 0);
        var i = 0;
        if (!TryRun(token, ref i, 1, 4, out a, out var firstDigits) || !TrySeparator(token, ref i) ||
            !TryRun(token, ref i, 1, 4, out b, out _) || !TrySeparator(token, ref i) ||
            !TryRun(token, ref i, 1, 4, out c, out _) || i != token.Length)
        {
            return false;
        }

        yearFirst = firstDigits == 4;
        return true;

        static bool TrySeparator(ReadOnlySpan<byte> token, ref int i)
        {
            if (i < token.Length && token[i] is (byte)'.' or (byte)'/' or (byte)'-')
            {
                i++;
                return true;
            }

            return false;
        }
    }

    private static bool TryClock(ReadOnlySpan<byte> token, out int hour, out int minute, out int second, out int centis)
    {
        (minute, second, centis) = (0, 0, 0);
        var i = 0;
        if (!TryRun(token, ref i, 1, 2, out hour, out _) || i >= token.Length || token[i++] != ':' || !TryRun(token, ref i, 1, 2, out minute, out _))
        {
            return false;
        }

        if (i < token.Length)
        {
            if (token[i++] != ':' || !TryRun(token, ref i, 1, 2, out second, out _))
            {
                return false;
            }

            if (i < token.Length)
            {
                if (token[i] is not ((byte)'.' or (byte)',') || !TryRun(token, ref i, 1, 2, out centis, out var digits, skip: 1))
                {
                    return false;
                }

                centis = digits == 1 ? centis * 10 : centis;
            }
        }

        return i == token.Length;
    }

    /// <summary>A run of min..max digits at i (after skipping <paramref name="skip"/> bytes); i moves past it.</summary>
    private static bool TryRun(ReadOnlySpan<byte> token, ref int i, int min, int max, out int value, out int digits, int skip = 0)
    {
        (value, digits) = (0, 0);
        i += skip;
        while (i < token.Length && char.IsAsciiDigit((char)token[i]) && digits < max + 1)
        {
            value = (value * 10) + (token[i] - '0');
            digits++;
            i++;
        }

        return digits >= min && digits <= max;
    }

    private static bool IsEnglishDay(ReadOnlySpan<byte> word)
    {
        foreach (var day in (ReadOnlySpan<string>)["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        {
            if (Ascii.EqualsIgnoreCase(word, day))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The numbers of a timestamp line: Year/First/Second are year, day-or-month, day-or-month unless YearFirst (then year, month, day).</summary>
internal readonly record struct TimestampParts(
    bool EnglishDay, bool YearFirst, int Year, int First, int Second, int Hour, int Minute, int Seconds, int Centis);
