using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PortDoctor.Core.Bundle;

/// <summary>
/// Replaces IP addresses and host names consistently (sos clean style): the same address always
/// becomes the same stand-in, which is still an address of its family, so masked ss and /proc/net
/// files stay readable by diagnose --from. IPv4 stand-ins come from 198.18.0.0/15 (benchmarking,
/// never a real host), IPv6 from 2001:db8::/32 (documentation). Wildcards and loopback are kept:
/// they identify nothing and the analysis needs them. /proc/net's hex addresses are masked too.
/// </summary>
public sealed partial class AddressMask(IEnumerable<string> hostNames)
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);
    private readonly string[] _hostNames = [.. hostNames.Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(h => h.Length)];
    private int _v4;
    private int _v6;

    /// <summary>Original to stand-in, for the map kept apart from the bundle.</summary>
    public IReadOnlyDictionary<string, string> Map => _map;

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var host in _hostNames)
        {
            var token = Token(host, () => $"host-{_map.Count + 1}");
            text = Regex.Replace(text, $@"\b{Regex.Escape(host)}\b", token, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        text = ProcHex6().Replace(text, m => Hex6(m.Value));
        text = ProcHex4().Replace(text, m => Hex4(m.Groups[1].Value) + m.Groups[2].Value);
        text = Ipv6().Replace(text, m => IPAddress.TryParse(m.Groups[1].Value, out var a) ? "[" + Mask(a) + "]" : m.Value);
        return Ipv4().Replace(text, m => IPAddress.TryParse(m.Value, out var a) && m.Value.Split('.').All(o => o.Length <= 3) ? Mask(a) : m.Value);
    }

    private string Mask(IPAddress address)
    {
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return address.ToString();
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return "::ffff:" + Mask(address.MapToIPv4());
        }

        return Token(address.ToString(), () => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? new IPAddress([198, (byte)(18 + (++_v4 >> 16)), (byte)(_v4 >> 8), (byte)_v4]).ToString()
            : IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"2001:db8::{++_v6:x}")).ToString());
    }

    private string Token(string original, Func<string> make)
    {
        if (!_map.TryGetValue(original, out var token))
        {
            token = make();
            _map[original] = token;
        }

        return token;
    }

    /// <summary>/proc/net/tcp's address: the IPv4 bytes as a little-endian 32-bit hex number.</summary>
    private string Hex4(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        Array.Reverse(bytes);
        var masked = IPAddress.Parse(Mask(new IPAddress(bytes))).GetAddressBytes();
        Array.Reverse(masked);
        return Convert.ToHexString(masked);
    }

    /// <summary>/proc/net/tcp6's address: four little-endian 32-bit hex words.</summary>
    private string Hex6(string hex)
    {
        var bytes = Swap(Convert.FromHexString(hex));
        return Convert.ToHexString(Swap(IPAddress.Parse(Mask(new IPAddress(bytes))).GetAddressBytes()));

        static byte[] Swap(byte[] b)
        {
            for (var i = 0; i < b.Length; i += 4)
            {
                Array.Reverse(b, i, 4);
            }

            return b;
        }
    }

    [GeneratedRegex(@"(?<![\w.:])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6();

    [GeneratedRegex(@"(?<=\s)([0-9A-F]{8})(:[0-9A-F]{4})(?=\s)", RegexOptions.CultureInvariant)]
    private static partial Regex ProcHex4();

    [GeneratedRegex(@"(?<=\s)[0-9A-F]{32}(?=:[0-9A-F]{4}\s)", RegexOptions.CultureInvariant)]
    private static partial Regex ProcHex6();
}
