using System.Globalization;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Ranges;

/// <summary>
/// The exact netsh argument lists PortDoctor runs (as ProcessStartInfo.ArgumentList, never a shell
/// string), and how to print one for a person to copy.
/// </summary>
public static class NetshArguments
{
    public const string FileName = "netsh";

    public static IReadOnlyList<string> ShowDynamicPort(IpFamily family, TransportProtocol protocol) =>
        ["int", Family(family), "show", "dynamicport", Protocol(protocol)];

    public static IReadOnlyList<string> ShowExcludedPortRange(IpFamily family, TransportProtocol protocol) =>
        ["int", Family(family), "show", "excludedportrange", Protocol(protocol)];

    /// <summary>`netsh int ipv4 set dynamicport tcp start=10000 num=1000`, as in the guide.</summary>
    public static IReadOnlyList<string> SetDynamicPort(IpFamily family, TransportProtocol protocol, PortRange range) =>
    [
        "int", Family(family), "set", "dynamicport", Protocol(protocol),
        "start=" + range.Start.ToString(CultureInfo.InvariantCulture),
        "num=" + range.Count.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>The command line as a person types it (no argument here needs quoting).</summary>
    public static string Display(IReadOnlyList<string> arguments) => FileName + " " + string.Join(' ', arguments);

    private static string Family(IpFamily family) => family == IpFamily.IPv4 ? "ipv4" : "ipv6";

    private static string Protocol(TransportProtocol protocol) => protocol == TransportProtocol.Tcp ? "tcp" : "udp";
}
