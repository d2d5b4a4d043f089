using System.Globalization;

namespace PortDoctor.Evidence.Text;

/// <summary>
/// The Time column of <c>Get-EventLog</c>'s table: "MMM dd HH:mm" in the display language, without
/// a year ("Mar 17 13:45", "Okt 08 14:23", seen in the GitHub Actions runner docs and a German
/// script's help text). The year comes from a reference time (the file's): the latest year that
/// does not put the event more than a day after it.
/// </summary>
internal static class EventLogShortTime
{
    // Month abbreviations as .NET's "MMM" prints them, per language; compared without a trailing dot.
    private static readonly string[][] Months =
    [
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        ["jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"],
        ["janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"],
        ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
        ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
        ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"],
        ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"],
        ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
        ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    ];

    public static bool TryParse(string text, DateTimeOffset reference, out DateTimeOffset time)
    {
        time = default;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || !TryMonth(parts[0], out var month) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day) ||
            !TimeOnly.TryParseExact(parts[2], ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            return false;
        }

        for (var year = reference.Year; year >= reference.Year - 1; year--)
        {
            if (day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                continue;
            }

            var candidate = new DateTimeOffset(year, month, day, clock.Hour, clock.Minute, 0, TimeSpan.Zero);
            if (candidate <= reference.AddDays(1))
            {
                time = candidate;
                return true;
            }
        }

        return false;
    }

    private static bool TryMonth(string token, out int month)
    {
        month = 0;
        var name = token.TrimEnd('.');
        if (name.EndsWith('月') && int.TryParse(name.AsSpan(0, name.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out month))
        {
            return month is >= 1 and <= 12;
        }

        foreach (var names in Months)
        {
            var index = Array.FindIndex(names, n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                month = index + 1;
                return true;
            }
        }

        return false;
    }
}
