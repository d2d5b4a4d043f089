using System.Globalization;

namespace PortDoctor.Reporting.Html;

/// <summary>Numbers, times and durations as the report prints them (invariant culture, UTC).</summary>
internal static class Text
{
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Seconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"3 h 10 min", "2 d 4 h", "45 min", "30 s".</summary>
    public static string Duration(TimeSpan span)
    {
        string sign = span < TimeSpan.Zero ? "-" : "";
        span = span.Duration();
        return sign + span switch
        {
            { TotalDays: >= 1 } => Pair(span.Days, "d", span.Hours, "h"),
            { TotalHours: >= 1 } => Pair(span.Hours, "h", span.Minutes, "min"),
            { TotalMinutes: >= 1 } => Invariant($"{span.Minutes} min"),
            _ => Invariant($"{span.Seconds} s"),
        };
    }

    private static string Pair(int major, string majorUnit, int minor, string minorUnit) =>
        minor == 0 ? Invariant($"{major} {majorUnit}") : Invariant($"{major} {majorUnit} {minor} {minorUnit}");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
