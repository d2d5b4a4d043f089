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

    private static PortDoctorException Invalid(string option, string text) =>
        new($"{option} '{text}' is not a duration: use a number with s, m, h or d (e.g. 30m, 24h, 7d), at most a year", ExitCode.Usage);
}
