using System.Globalization;
using System.Net;

namespace PortDoctor.Evidence.Text;

/// <summary>
/// Reads "address:port" as every tool prints it: Windows "[fe80::1%12]:135" and "*:*", Linux
/// netstat's unbracketed ":::22", ss's "0.0.0.0%lo:53" and "[::ffff:1.2.3.4]:80", and host or
/// service names from netstat without -n ("server01:https"). Addresses are interned per reader:
/// a large log repeats a few hundred addresses millions of times.
/// </summary>
internal sealed class EndpointText
{
    private const int MaxInterned = 65536;
    private readonly Dictionary<string, string> _addresses = new(StringComparer.Ordinal);

    // Whole "address:port" tokens already parsed: a log repeats the same endpoints block after
    // block, and one lookup is cheaper than splitting, number parsing and address interning.
    private readonly Dictionary<string, (Endpoint Endpoint, IpFamily? Family)> _tokens = new(StringComparer.Ordinal);

    /// <summary>True when a port was a service name we do not know (reported as port 0).</summary>
    public bool SawUnknownServiceName { get; private set; }

    /// <summary>True when an address was a host name rather than an IP address.</summary>
    public bool SawHostName { get; private set; }

    /// <summary>
    /// net-tools netstat without -W cuts an address to fit its 23-character column and keeps the
    /// port ("2001:db8:aaaa:bbbb:5432"): when set, such an IPv6 prefix is kept as printed.
    /// </summary>
    public bool AcceptCutIPv6 { get; init; }

    /// <summary>True when an IPv6 address was kept cut (see <see cref="AcceptCutIPv6"/>).</summary>
    public bool SawCutIPv6 { get; private set; }

    public bool TryParse(ReadOnlySpan<char> text, out Endpoint endpoint, out IpFamily? family)
    {
        endpoint = default;
        family = null;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        var tokens = _tokens.GetAlternateLookup<ReadOnlySpan<char>>();
        if (tokens.TryGetValue(text, out var known))
        {
            (endpoint, family) = known;
            return true;
        }

        if (!TryParseNew(text, out endpoint, out family))
        {
            return false;
        }

        if (_tokens.Count < MaxInterned)
        {
            tokens[text] = (endpoint, family);
        }

        return true;
    }

    private bool TryParseNew(ReadOnlySpan<char> text, out Endpoint endpoint, out IpFamily? family)
    {
        endpoint = default;
        family = null;
        ReadOnlySpan<char> address;
        ReadOnlySpan<char> port;
        if (text[0] == '[')
        {
            // ss prints a socket bound to a device after the bracket: "[fe80::1]%eth0:5353".
            var close = text.IndexOf(']');
            var colon = close < 0 ? -1 : text[close..].LastIndexOf(':') + close;
            if (close < 0 || colon <= close || (colon > close + 1 && text[close + 1] != '%'))
            {
                return false;
            }

            address = colon > close + 1 ? string.Concat(text[1..close], text[(close + 1)..colon]) : text[1..close];
            port = text[(colon + 1)..];
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                return false;
            }

            address = text[..colon];
            port = text[(colon + 1)..];
        }

        if (!TryParsePort(port, out var portNumber))
        {
            return false;
        }

        if (!TryAddress(address, out var canonical, out family))
        {
            return false;
        }

        endpoint = new Endpoint(canonical, portNumber);
        return true;
    }

    private bool TryParsePort(ReadOnlySpan<char> port, out int value)
    {
        if (port is "*" || port.IsEmpty)
        {
            value = 0;
            return true;
        }

        if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return value <= 65535;
        }

        // A service name starts with a letter; "4x3" is a damaged number, not a name.
        if (!char.IsAsciiLetter(port[0]))
        {
            return false;
        }

        foreach (var c in port)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        value = ServiceNames.PortOf(port);
        if (value == 0)
        {
            SawUnknownServiceName = true;
        }

        return true;
    }

    private bool TryAddress(ReadOnlySpan<char> address, out string canonical, out IpFamily? family)
    {
        canonical = "";
        family = null;
        if (address.IsEmpty || address is "*")
        {
            canonical = "*";
            return true;
        }

        if (address.Contains(':'))
        {
            family = IpFamily.IPv6;
        }
        else if (address.Length > 0 && char.IsAsciiDigit(address[0]) && address.Count('.') == 3)
        {
            family = IpFamily.IPv4;
        }

        var lookup = _addresses.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(address, out var cached))
        {
            canonical = cached;
            return true;
        }

        canonical = Canonical(address, family);
        if (canonical.Length == 0)
        {
            return false;
        }

        if (_addresses.Count < MaxInterned)
        {
            lookup[address] = canonical;
        }

        return true;
    }

    private string Canonical(ReadOnlySpan<char> address, IpFamily? family)
    {
        var percent = address.IndexOf('%');
        var bare = percent >= 0 ? address[..percent] : address;
        var zone = percent >= 0 ? address[percent..] : [];
        if (bare is "*" && !zone.IsEmpty)
        {
            // ss: a dual-stack listener bound to a device, "*%eth0:5081".
            return string.Concat("*", zone);
        }

        if (family is not null && IPAddress.TryParse(bare, out var ip))
        {
            // IPv4 in a v6 socket prints as ::ffff:a.b.c.d either way; zone ids stay as given ("%12", "%lo").
            return string.Concat(ip.ToString(), zone);
        }

        if (AcceptCutIPv6 && percent < 0 && bare.Contains(':') && !bare.ContainsAnyExcept("0123456789abcdefABCDEF:."))
        {
            SawCutIPv6 = true;
            return address.ToString();
        }

        if (family == IpFamily.IPv4 || bare.Contains(':'))
        {
            return "";
        }

        foreach (var c in bare)
        {
            if (!(char.IsLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                return "";
            }
        }

        SawHostName = true;
        return address.ToString();
    }
}
