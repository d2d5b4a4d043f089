using System.Globalization;

namespace PortDoctor.Reporting.Html;

/// <summary>Numbers and times as the report prints them (invariant culture, UTC).</summary>
internal static class Text
{
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Seconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);
}
