using System.Collections.Frozen;
using System.Globalization;

namespace PortDoctor.Evidence.Text;

/// <summary>
/// The timestamp line of a Linux monitoring loop (<c>while :; do date; ss -tan; sleep 60; done</c>):
/// coreutils <c>date</c> in the C locale ("Wed Nov 25 05:32:26 UTC 2026"), in en_US ("Wed 25 Nov
/// 2026 05:32:26 AM UTC") and in the other locales glibc formats it for ("Mo 30. Nov 13:00:05 CET
/// 2026", "lun. 30 nov. 2026 13:00:05 CET", "Po 30. listopadu 2026, 13:00:05 CET", "Пн 30 ноя 2026
/// 13:00:05 CET", "2026年 11月 30日 月曜日 13:00:05 CET", "2026. 11. 30. (월) 13:00:05 CET": produced
/// with glibc 2.36 locales), <c>date -Is</c> / <c>date --rfc-3339=s</c> ("2026-11-25T05:32:26+00:00")
/// and <c>date '+%F %T'</c> ("2026-11-25 05:32:26"). A numeric offset is applied; a zone name other
/// than UTC/GMT cannot be resolved offline and is read as UTC (<see cref="SawZoneName"/>).
/// </summary>
internal sealed class UnixDateLine
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    // Month names `date` prints in glibc 2.36's de, fr, pt_BR, es, it, ru, cs, et, pl, nl, sv, tr,
    // uk, hu, da, nb and ro locales (abbreviated, or the full genitive where the locale's format
    // uses it), taken from `LC_ALL=xx_XX.UTF-8 date` for every month; the English ones are above.
    private static readonly FrozenDictionary<string, int> LocalMonths = new (string[] Names, int Month)[]
    {
        (["ene", "gen", "ian", "ianuarie", "jaan", "janv", "led", "ledna", "oca", "sty", "січ", "січня", "янв"], 1),
        (["febr", "februarie", "fev", "févr", "lut", "veebr", "úno", "února", "şub", "лют", "лютого", "фев"], 2),
        (["bře", "března", "mars", "martie", "mrt", "márc", "mär", "märts", "бер", "березня", "мар"], 3),
        (["abr", "april", "aprilie", "avril", "dub", "dubna", "kwi", "nis", "ápr", "апр", "кві", "квітня"], 4),
        (["kvě", "května", "mag", "mai", "maj", "mei", "máj", "мая", "тра", "травня"], 5),
        (["cze", "giu", "haz", "iun", "iunie", "juin", "juni", "juuni", "jún", "čen", "června", "июн", "чер", "червня"], 6),
        (["iul", "iulie", "juil", "juli", "juuli", "júl", "lip", "lug", "tem", "čec", "července", "июл", "лип", "липня"], 7),
        (["ago", "août", "august", "ağu", "sie", "srp", "srpna", "авг", "сер", "серпня"], 8),
        (["eyl", "sept", "septembrie", "set", "szept", "wrz", "zář", "září", "вер", "вересня", "сен"], 9),
        (["eki", "octombrie", "okt", "ott", "out", "paź", "říj", "října", "жов", "жовтня", "окт"], 10),
        (["kas", "lis", "listopadu", "noiembrie", "лис", "листопада", "ноя"], 11),
        (["ara", "decembrie", "des", "dets", "dez", "dic", "déc", "gru", "pro", "prosince", "гру", "грудня", "дек"], 12),
    }.SelectMany(m => m.Names.Select(n => KeyValuePair.Create(n, m.Month))).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

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

        if (text.Length >= 19 && char.IsAsciiDigit(text[0]) && text[4] == '-')
        {
            return TryIso(text, out time);
        }

        if (!HasClock(text))
        {
            return false;
        }

        // glibc's cs_CZ separates the fields of `date` with no-break spaces ("Út\u00A01.\u00A0prosince").
        Span<char> spaced = stackalloc char[text.Length];
        text.Replace(spaced, '\u00A0', ' ');
        return TryDate(spaced, out time);
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

    /// <summary>A cheap look for "h:mm:ss" before splitting a line: socket rows rarely have two colons three apart between digits.</summary>
    private static bool HasClock(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf(':'); i > 0 && i + 4 < text.Length; i = NextColon(text, i))
        {
            if (text[i + 3] == ':' && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 4]))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextColon(ReadOnlySpan<char> text, int at)
    {
        var next = text[(at + 1)..].IndexOf(':');
        return next < 0 ? -1 : at + 1 + next;
    }

    /// <summary>
    /// "Wed Nov 25 05:32:26 UTC 2026", "Wed 25 Nov 2026 05:32:26 AM UTC" or a localized form: a clock,
    /// a 4-digit year, a day, a month (a name, "11月", or after a leading year "2026. 11. 30."),
    /// optional zone or offset; other words (weekdays in any script, "(월)") are skipped. A leading
    /// weekday that is also a month abbreviation (Spanish and Italian "mar", French "mar.") loses to
    /// a later month name.
    /// </summary>
    private bool TryDate(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        Span<Range> ranges = stackalloc Range[9];
        var n = Fields.Split(text, ranges);
        if (n is < 4 or > 8)
        {
            return false;
        }

        int? day = null, month = null, year = null;
        var monthFromFirst = false;
        var yearFirst = false;
        TimeSpan? clock = null;
        var offset = TimeSpan.Zero;
        var pm = (bool?)null;
        string? zone = null;
        for (var i = 0; i < n; i++)
        {
            var token = text[ranges[i]].TrimEnd(".,").Trim("()");
            if (token.IsEmpty)
            {
                return false;
            }

            var unit = token[^1] switch
            {
                '年' => 'y',
                '月' or '월' => 'm',
                '日' or '일' => 'd',
                _ => '\0',
            };
            var number = unit == '\0' ? token : token[..^1];
            if (MonthOf(token) is int named && (month is null || monthFromFirst))
            {
                (month, monthFromFirst) = (named, i == 0);
            }
            else if (token.Contains(':') && clock is null && TimeSpan.TryParseExact(token, [@"h\:mm\:ss", @"hh\:mm\:ss"], CultureInfo.InvariantCulture, out var c))
            {
                clock = c;
            }
            else if (number.Length == 4 && unit is '\0' or 'y' && year is null && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            {
                (year, yearFirst) = (y, i == 0);
            }
            else if (number.Length is 1 or 2 && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var d))
            {
                // "11月" / "11월" is a month; after a leading year ("2026. 11. 30.") so is the first number.
                if (unit == 'm' || unit == '\0' && yearFirst && month is null)
                {
                    month ??= d;
                }
                else if (day is null)
                {
                    day = d;
                }
                else
                {
                    return false;
                }
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
                zone ??= token is "UTC" or "GMT" or "Z" ? null : token.ToString();
            }
            else if (!IsWord(token))
            {
                return false;
            }
        }

        if (day is not int dd || month is not int mm || year is not int yyyy || clock is not TimeSpan hms || yyyy < 1 ||
            dd is < 1 or > 31 || mm is < 1 or > 12 || dd > DateTime.DaysInMonth(yyyy, mm) || hms >= TimeSpan.FromDays(1))
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

        SawZoneName ??= zone;
        time = new DateTimeOffset(new DateTime(yyyy, mm, dd).Add(hms), offset);
        return true;
    }

    private static int? MonthOf(ReadOnlySpan<char> token)
    {
        for (var i = 0; i < Months.Length; i++)
        {
            if (token.Equals(Months[i], StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return LocalMonths.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var month) ? month : null;
    }

    /// <summary>A weekday or filler word in any script ("Mo", "lun", "Пн", "月曜日", "월").</summary>
    private static bool IsWord(ReadOnlySpan<char> token)
    {
        if (token.Length > 12)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
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
