using System.Globalization;

namespace PortDoctor.Core;

/// <summary>Durations as people type them on a command line: 90s, 30m, 24h, 7d (a bare number is minutes).</summary>
public static class DurationText
{
    /// <summary>Parses <paramref name="text"/>; a malformed, zero or absurd (over a year) value is a usage error naming <paramref name="option"/>.</summary>
    public static TimeSpan Parse(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var hasUnit = trimmed.Length > 0 && char.IsLetter(trimmed[^1]);
        var unit = hasUnit ? char.ToLowerInvariant(trimmed[^1]) : 'm';
        var number = hasUnit ? trimmed[..^1] : trimmed;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw Invalid(option, text);
        }

        var duration = unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            _ => throw Invalid(option, text),
        };
        return duration <= TimeSpan.FromDays(366) ? duration : throw Invalid(option, text);
    }

    /// <summary>A duration as people read it: "45 s", "12 min", "3 h 10 min", "2 d 4 h" (rounded to the two largest units).</summary>
    public static string Format(TimeSpan duration)
    {
        var seconds = Math.Max(0, Math.Round(duration.TotalSeconds));
        return seconds switch
        {
            < 60 => Invariant($"{seconds:0} s"),
            < 3600 => Invariant($"{Math.Round(seconds / 60):0} min"),
            < 86400 => Math.Round(seconds / 60) % 60 is var m and > 0
                ? Invariant($"{Math.Floor(Math.Round(seconds / 60) / 60):0} h {m:0} min")
                : Invariant($"{Math.Round(seconds / 3600):0} h"),
            _ => Math.Round(seconds / 3600) % 24 is var h and > 0
                ? Invariant($"{Math.Floor(Math.Round(seconds / 3600) / 24):0} d {h:0} h")
                : Invariant($"{Math.Round(seconds / 86400):0} d"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static PortDoctorException Invalid(string option, string text) =>
        new($"{option} '{text}' is not a duration: use a number with s, m, h or d (e.g. 30m, 24h, 7d), at most a year", ExitCode.Usage);
}
