namespace PortDoctor.History;

/// <summary>Times are stored as INTEGER unix milliseconds (UTC); what comes back has offset zero.</summary>
internal static class UnixMs
{
    public static long Of(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static object OfOrNull(DateTimeOffset? time) => time is { } t ? t.ToUnixTimeMilliseconds() : DBNull.Value;

    public static DateTimeOffset ToTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static long Floor(long ms, long width) => ms - (((ms % width) + width) % width);
}
