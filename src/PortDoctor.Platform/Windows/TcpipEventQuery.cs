using System.Globalization;

namespace PortDoctor.Platform.Windows;

/// <summary>The System-log XPath for Tcpip's exhaustion events within a time window.</summary>
internal static class TcpipEventQuery
{
    public const string LogName = "System";

    /// <summary>4227: TIME_WAIT port reuse failed; 4231: the global TCP port space is exhausted.</summary>
    public static readonly int[] EventIds = [4227, 4231];

    /// <summary>
    /// The provider's name is "Tcpip" (its GUID varies by build, its name does not).
    /// timediff() is in milliseconds relative to now, as the event log evaluates it.
    /// </summary>
    public static string Build(TimeSpan since)
    {
        var ids = string.Join(" or ", EventIds.Select(id => $"EventID={id.ToString(CultureInfo.InvariantCulture)}"));
        var ms = ((long)Math.Max(0, since.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        return $"*[System[Provider[@Name='Tcpip'] and ({ids}) and TimeCreated[timediff(@SystemTime) <= {ms}]]]";
    }
}
