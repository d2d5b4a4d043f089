using System.Globalization;
using System.Net;
using PortDoctor.Core;

namespace PortDoctor.Monitoring.Exporter;

/// <summary>
/// Where `monitor --metrics` listens: `PORT` is loopback (127.0.0.1), `ADDR:PORT` an address of
/// this machine (`0.0.0.0`, `[::]` or `:PORT` for every interface, an explicit choice), `localhost` loopback.
/// </summary>
public static class MetricsAddress
{
    public static IPEndPoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var colon = value.LastIndexOf(':');
        var host = colon < 0 ? "127.0.0.1" : value[..colon];
        var portText = colon < 0 ? value : value[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            throw Bad(text, $"'{portText}' is not a port (0 to 65535)");
        }

        return new IPEndPoint(Address(text, host), port);
    }

    private static IPAddress Address(string text, string host)
    {
        if (host.Length == 0)
        {
            return IPAddress.IPv6Any;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (bare.Contains(':', StringComparison.Ordinal) && bare.Length == host.Length)
        {
            throw Bad(text, "write an IPv6 address in brackets, [::1]:9464");
        }

        return IPAddress.TryParse(bare, out var address) ? address : throw Bad(text, $"'{host}' is not an IP address");
    }

    private static PortDoctorException Bad(string text, string why) =>
        new($"--metrics '{text}': {why}; expected [ADDR:]PORT, e.g. 9464 or 0.0.0.0:9464", ExitCode.Usage);
}
