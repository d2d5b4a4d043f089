using System.Globalization;

namespace PortDoctor.Evidence.Text;

/// <summary>
/// The line <c>ECHO %date% %time%</c> writes, in the regional formats Windows prints:
/// "Mon 01/15/2024 14:30:00.12" (en-US), "15.01.2024 14:30:00,12" (de, ru, pl), "15/01/2024  9:05:03,12"
/// (fr, es, it, pt), "2024/01/15 14:30:00.12" (ja), "2024/01/15 周一 14:30:00.12" (zh), "2024-01-15 월 ..." (ko),
/// and PowerShell's Get-Date ("Monday, January 15, 2024 2:30:00 PM"). Times carry no zone: read as UTC.
/// Day/month order is decided per file: the first unambiguous date (a part above 12) or an English
/// weekday name (en-US prints month first) fixes it; until then day-first is assumed.
/// </summary>
internal sealed class LogTimestamp
{
    private static readonly string[] EnglishDays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>null until the file shows which order it uses.</summary>
    public bool? DayFirst { get; private set; }

    /// <summary>True when an ambiguous date was read day-first without evidence.</summary>
    public bool AssumedOrder { get; private set; }

    /// <summary>The last timestamp line up to its clock, when the clock ended it (see <see cref="TryCached"/>).</summary>
    private string? _cachedPrefix;
    private DateTime _cachedDate;

    /// <summary>The last date numbers <see cref="TryResolve"/> took (with the order known before them), their midnight in ticks and the order they left.</summary>
    private uint _resolvedKey;
    private long _resolvedDate;
    private bool? _resolvedDayFirst;
    private bool _resolvedAssumed;

    public bool TryParse(ReadOnlySpan<char> line, out DateTimeOffset time)
    {
        var trimmed = line.Trim();
        if (TryCached(trimmed, out time))
        {
            return true;
        }

        _cachedPrefix = null;
        if (trimmed.Length < 8 || trimmed.Length > 80 || !trimmed.Contains(':') || !char.IsAsciiDigit(trimmed[^1]) && !trimmed.EndsWith("M", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<Range> ranges = stackalloc Range[8];
        var count = Fields.Split(trimmed, ranges);
        ReadOnlySpan<char> date = default, clock = default;
        var englishDay = false;
        var pm = false;
        var am = false;
        var ok = count <= 6;
        var clockAt = -1;
        for (var i = 0; i < count && ok; i++)
        {
            var token = trimmed[ranges[i]];
            if (date.IsEmpty && IsDate(token))
            {
                date = token;
            }
            else if (clock.IsEmpty && IsClock(token))
            {
                clock = token;
                clockAt = i;
            }
            else if (token.Equals("PM", StringComparison.OrdinalIgnoreCase) || token.Equals("AM", StringComparison.OrdinalIgnoreCase))
            {
                pm = token[0] is 'P' or 'p';
                am = !pm;
            }
            else if (IsAsianMeridiem(token, out var afternoon))
            {
                pm = afternoon;
                am = !afternoon;
            }
            else if (IsWord(token))
            {
                englishDay |= token.Length == 3 && IsEnglishDay(token);
            }
            else
            {
                ok = false;
            }
        }

        if (ok && !date.IsEmpty && !clock.IsEmpty && TryCombine(date, clock, englishDay || am || pm, out time))
        {
            if (clockAt == count - 1 && !am && !pm)
            {
                // The next line of a periodic log most likely differs only in its clock.
                (_cachedPrefix, _cachedDate) = (trimmed[..ranges[clockAt].Start].ToString(), time.Date);
            }

            if (pm && time.Hour < 12)
            {
                time = time.AddHours(12);
            }
            else if (am && time.Hour == 12)
            {
                time = time.AddHours(-12);
            }

            return true;
        }

        // Get-Date's long form and other spelled-out dates: only when the line holds a 4-digit year.
        return trimmed.IndexOfAnyExceptInRange('0', '9') >= 0 && HasYear(trimmed) &&
            DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) &&
            Assign(parsed, out time);
    }

    /// <summary>
    /// Korean, Japanese and Chinese 12-hour clocks put the marker before the time ("2026-11-24 오후
    /// 10:31:10", "2026/11/24 下午 10:31:10"), as Event Viewer and PowerShell print times there.
    /// </summary>
    private static bool IsAsianMeridiem(ReadOnlySpan<char> token, out bool afternoon)
    {
        afternoon = token is "오후" or "午後" or "下午";
        return afternoon || token is "오전" or "午前" or "上午";
    }

    private static bool Assign(DateTime parsed, out DateTimeOffset time)
    {
        time = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        return true;
    }

    /// <summary>
    /// A line that is the last line read as a timestamp up to its clock, that clock (the line's last
    /// token, no AM/PM) replaced by another valid one: the same date, read as <see cref="TryParse"/>
    /// reads it (its day/month order was fixed then, and reading the same date again changes nothing).
    /// </summary>
    private bool TryCached(ReadOnlySpan<char> trimmed, out DateTimeOffset time)
    {
        time = default;
        if (_cachedPrefix is not { } prefix || trimmed.Length < 8 || trimmed.Length > 80 || !trimmed.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var clock = trimmed[prefix.Length..];
        if (!IsClock(clock) || !char.IsAsciiDigit(clock[^1]) || !TryClock(clock, out var hour, out var minute, out var second, out var centis) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(_cachedDate.Year, _cachedDate.Month, _cachedDate.Day, hour, minute, second, centis * 10, TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// What <see cref="TryParse"/> gives for a timestamp line whose numbers a chunk worker read
    /// (<see cref="FastPath.NetstatLineMark"/>): the same day/month decision, made now, in file order.
    /// Changes nothing when the date is no date in the order decided (the line is then read in full).
    /// </summary>
    public bool TryResolve(in FastPath.TimestampParts parts, out DateTimeOffset time)
    {
        time = default;

        // The same date numbers with the same order known so far give the same date and order again:
        // a periodic log repeats a date for many samples, so its ticks are worked out once.
        var key = (uint)parts.Year | ((uint)parts.First << 12) | ((uint)parts.Second << 17) | (parts.EnglishDay ? 1u << 22 : 0) |
            (parts.YearFirst ? 1u << 23 : 0) | ((uint)(DayFirst is { } known ? (known ? 2 : 1) : 0) << 24);
        if (key != _resolvedKey)
        {
            var (year, month, day) = (parts.Year, parts.First, parts.Second);
            var (dayFirst, assumed) = (DayFirst, false);
            if (!parts.YearFirst)
            {
                (dayFirst, assumed) = Order(parts.First, parts.Second, parts.EnglishDay, DayFirst);
                (day, month) = dayFirst ?? true ? (parts.First, parts.Second) : (parts.Second, parts.First);
            }

            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            (_resolvedKey, _resolvedDate, _resolvedDayFirst, _resolvedAssumed) = (key, new DateTime(year, month, day).Ticks, dayFirst, assumed);
        }

        DayFirst = _resolvedDayFirst;
        AssumedOrder |= _resolvedAssumed;

        // TryParse would have cached this line's date; the next line is read in full instead, which gives the same.
        _cachedPrefix = null;
        time = new DateTimeOffset(
            _resolvedDate + (((((parts.Hour * 60L) + parts.Minute) * 60) + parts.Seconds) * TimeSpan.TicksPerSecond) + (parts.Centis * 10 * TimeSpan.TicksPerMillisecond),
            TimeSpan.Zero);
        return true;
    }

    private bool TryCombine(ReadOnlySpan<char> date, ReadOnlySpan<char> clock, bool englishDay, out DateTimeOffset time)
    {
        time = default;
        Span<Range> parts = stackalloc Range[4];
        var d = date.TrimEnd('.');
        var n = SplitAny(d, parts, '.', '/', '-');
        if (n != 3)
        {
            return false;
        }

        if (!TryDigits(d[parts[0]], out var a) || !TryDigits(d[parts[1]], out var b) || !TryDigits(d[parts[2]], out var c))
        {
            return false;
        }

        int year, month, day;
        if (d[parts[0]].Length == 4)
        {
            (year, month, day) = (a, b, c);
        }
        else
        {
            year = c < 100 ? 2000 + c : c;
            (DayFirst, var assumed) = Order(a, b, englishDay, DayFirst);
            AssumedOrder |= assumed;
            (day, month) = DayFirst ?? true ? (a, b) : (b, a);
        }

        if (!TryClock(clock, out var hour, out var minute, out var second, out var centis))
        {
            return false;
        }

        if (year is < 1990 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, centis * 10, TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// The file's day/month order after a date "a/b/year": an English weekday means month first
    /// (en-US), a part above 12 shows which is the day; ambiguous otherwise (read day-first, assumed).
    /// </summary>
    private static (bool? DayFirst, bool Assumed) Order(int a, int b, bool englishDay, bool? dayFirst)
    {
        if (englishDay && dayFirst is null)
        {
            dayFirst = false;
        }

        if (a > 12 && b <= 12)
        {
            return (dayFirst ?? true, false);
        }

        if (b > 12 && a <= 12)
        {
            return (dayFirst ?? false, false);
        }

        return (dayFirst, dayFirst is null);
    }

    private static bool TryClock(ReadOnlySpan<char> clock, out int hour, out int minute, out int second, out int centis)
    {
        (hour, minute, second, centis) = (0, 0, 0, 0);
        Span<Range> clockParts = stackalloc Range[4];
        var m = SplitAny(clock, clockParts, ':', '.', ',');
        if (m < 2 || !TryDigits(clock[clockParts[0]], out hour) || !TryDigits(clock[clockParts[1]], out minute))
        {
            return false;
        }

        if (m >= 3 && !TryDigits(clock[clockParts[2]], out second))
        {
            return false;
        }

        if (m == 4)
        {
            var fraction = clock[clockParts[3]];
            if (!TryDigits(fraction[..Math.Min(2, fraction.Length)], out centis))
            {
                return false;
            }

            centis = fraction.Length == 1 ? centis * 10 : centis;
        }

        return true;
    }

    private static bool IsEnglishDay(ReadOnlySpan<char> token)
    {
        foreach (var day in EnglishDays)
        {
            if (token.Equals(day, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>MemoryExtensions.SplitAny</c> on three separators (the last range holds the rest), without
    /// its per-call setup: this runs for every timestamp line of a log.
    /// </summary>
    private static int SplitAny(ReadOnlySpan<char> text, Span<Range> parts, char a, char b, char c)
    {
        var count = 0;
        var start = 0;
        for (var i = 0; i < text.Length && count < parts.Length - 1; i++)
        {
            if (text[i] == a || text[i] == b || text[i] == c)
            {
                parts[count++] = new Range(start, i);
                start = i + 1;
            }
        }

        parts[count++] = new Range(start, text.Length);
        return count;
    }

    /// <summary>What <c>int.TryParse(NumberStyles.None)</c> gives for ASCII digits: any length, no sign, no overflow.</summary>
    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        long total = 0;
        foreach (var ch in digits)
        {
            total = (total * 10) + (ch - '0');
            if (total > int.MaxValue)
            {
                return false;
            }
        }

        value = (int)total;
        return true;
    }

    private static bool IsDate(ReadOnlySpan<char> token)
    {
        var separators = 0;
        foreach (var c in token.TrimEnd('.'))
        {
            if (c is '.' or '/' or '-')
            {
                separators++;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return separators == 2;
    }

    private static bool IsClock(ReadOnlySpan<char> token)
    {
        if (!token.Contains(':'))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!(char.IsAsciiDigit(c) || c is ':' or '.' or ','))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWord(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (!(char.IsLetter(c) || c is '.' or ','))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasYear(ReadOnlySpan<char> text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run == 4)
            {
                return true;
            }
        }

        return false;
    }
}
