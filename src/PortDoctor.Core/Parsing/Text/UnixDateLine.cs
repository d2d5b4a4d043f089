using System.Globalization;

namespace PortDoctor.Core.Parsing.Text;

/// <summary>
/// The timestamp line of a Linux monitoring loop (<c>while :; do date; ss -tan; sleep 60; done</c>):
/// coreutils <c>date</c> in the C locale ("Wed Nov 25 05:32:26 UTC 2026") and in en_US ("Wed 25 Nov
/// 2026 05:32:26 AM UTC"), <c>date -Is</c> / <c>date --rfc-3339=s</c> ("2026-11-25T05:32:26+00:00")
/// and <c>date '+%F %T'</c> ("2026-11-25 05:32:26"). A numeric offset is applied; a zone name other
/// than UTC/GMT cannot be resolved offline and is read as UTC (<see cref="SawZoneName"/>).
/// </summary>
public sealed class UnixDateLine
{
    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>A zone name such as CET was read as UTC.</summary>
    public string? SawZoneName { get; private set; }

    public bool TryParse(ReadOnlySpan<char> line, out DateTimeOffset time)
    {
        time = default;
        var text = line.Trim();
        if (text.Length is < 16 or > 60)
        {
            return false;
        }

        return char.IsAsciiDigit(text[0]) ? TryIso(text, out time) : TryDate(text, out time);
    }

    private static bool TryIso(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or ' ') || text[13] != ':')
        {
            return false;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss,fffffffffK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    /// <summary>"Wed Nov 25 05:32:26 UTC 2026" or "Wed 25 Nov 2026 05:32:26 AM UTC" (zone optional, a numeric offset too).</summary>
    private bool TryDate(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (text[3] is not (' ' or ',') || !IsDay(text[..3]))
        {
            return false;
        }

        Span<Range> ranges = stackalloc Range[8];
        var n = Fields.Split(text, ranges);
        if (n is < 5 or > 7)
        {
            return false;
        }

        int? day = null, month = null, year = null;
        TimeSpan? clock = null;
        var offset = TimeSpan.Zero;
        var pm = (bool?)null;
        for (var i = 1; i < n; i++)
        {
            var token = text[ranges[i]];
            if (Array.IndexOf(Months, token.ToString()) is >= 0 and var m && month is null)
            {
                month = m + 1;
            }
            else if (token.Contains(':') && clock is null && TimeSpan.TryParseExact(token, [@"h\:mm\:ss", @"hh\:mm\:ss"], CultureInfo.InvariantCulture, out var c))
            {
                clock = c;
            }
            else if (token.Length == 4 && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && year is null)
            {
                year = y;
            }
            else if (token.Length <= 2 && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && day is null)
            {
                day = d;
            }
            else if (token is "AM" or "PM")
            {
                pm = token is "PM";
            }
            else if (token.Length == 5 && token[0] is '+' or '-' && int.TryParse(token[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm) &&
                hhmm / 100 <= 14 && hhmm % 100 < 60)
            {
                offset = new TimeSpan(hhmm / 100, hhmm % 100, 0) * (token[0] == '-' ? -1 : 1);
            }
            else if (token.Length is >= 2 and <= 5 && IsUpperLetters(token))
            {
                if (token is not ("UTC" or "GMT" or "Z"))
                {
                    SawZoneName ??= token.ToString();
                }
            }
            else
            {
                return false;
            }
        }

        if (day is not int dd || month is not int mm || year is not int yyyy || clock is not TimeSpan hms || yyyy < 1 ||
            dd is < 1 or > 31 || dd > DateTime.DaysInMonth(yyyy, mm) || hms >= TimeSpan.FromDays(1))
        {
            return false;
        }

        if (pm is bool afternoon)
        {
            if (hms.Hours is 0 or > 12)
            {
                return false;
            }

            hms = hms.Hours == 12 ? hms - TimeSpan.FromHours(afternoon ? 0 : 12) : hms + TimeSpan.FromHours(afternoon ? 12 : 0);
        }

        time = new DateTimeOffset(new DateTime(yyyy, mm, dd).Add(hms), offset);
        return true;
    }

    private static bool IsDay(ReadOnlySpan<char> token)
    {
        foreach (var day in Days)
        {
            if (token.SequenceEqual(day))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUpperLetters(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
