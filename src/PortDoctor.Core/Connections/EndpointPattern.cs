using System.Globalization;
using System.Net;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Connections;

/// <summary>
/// What --local/--remote match: "10.0.0.5", "10.0.0.5:443", ":443", "::1", "[::1]:443".
/// A null part matches anything. Addresses compare as IP addresses (so "::0001" is "::1").
/// </summary>
public sealed record EndpointPattern(IPAddress? Address, int? Port)
{
    public static bool TryParse(string text, out EndpointPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(text);
        pattern = new EndpointPattern(null, null);
        text = text.Trim();
        string addressText;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            addressText = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                {
                    return false;
                }

                portText = rest[1..];
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            addressText = text[..colon];
            portText = text[(colon + 1)..];
        }
        else
        {
            addressText = text;
        }

        IPAddress? address = null;
        // IPAddress.TryParse takes "1.2.3" as 1.2.0.3; a user typing it meant something else.
        var shortIPv4 = !addressText.Contains(':', StringComparison.Ordinal) && addressText.Count(c => c == '.') != 3;
        if (addressText.Length > 0 && addressText != "*" && (shortIPv4 || !IPAddress.TryParse(addressText, out address)))
        {
            return false;
        }

        int? port = null;
        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 65535)
            {
                return false;
            }

            port = value;
        }

        if (address is null && port is null)
        {
            return false;
        }

        pattern = new EndpointPattern(address, port);
        return true;
    }

    public bool Matches(Endpoint endpoint)
    {
        if (Port is { } port && endpoint.Port != port)
        {
            return false;
        }

        return Address is null
            || (IPAddress.TryParse(endpoint.Address, out var actual) && (actual.Equals(Address) || SameMapped(actual, Address)));
    }

    /// <summary>A dual-stack socket shows ::ffff:1.2.3.4; "1.2.3.4" should still find it.</summary>
    private static bool SameMapped(IPAddress actual, IPAddress wanted) =>
        actual.IsIPv4MappedToIPv6 ? actual.MapToIPv4().Equals(wanted) : wanted.IsIPv4MappedToIPv6 && wanted.MapToIPv4().Equals(actual);
}
