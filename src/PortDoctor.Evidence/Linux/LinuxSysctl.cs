using System.Globalization;

namespace PortDoctor.Evidence.Linux;

/// <summary>
/// Pure parsers for the Linux sysctls that shape the ephemeral range, so live reading and
/// offline files (`sysctl -a` excerpts) share them.
/// </summary>
public static class LinuxSysctl
{
    /// <summary>Parses "32768\t60999" (any white space). Null when the text is not two ports in order.</summary>
    public static PortRange? ParsePortRange(string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            || low < 1 || high > 65535 || low > high)
        {
            return null;
        }

        return PortRange.FromBounds(low, high);
    }

    /// <summary>
    /// Parses ip_local_reserved_ports: "" or "8080,9000-9010". Null when any item is malformed.
    /// </summary>
    public static IReadOnlyList<PortRange>? ParseReservedPorts(string text)
    {
        var ranges = new List<PortRange>();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = raw.IndexOf('-', StringComparison.Ordinal);
            var lowText = dash < 0 ? raw : raw[..dash];
            var highText = dash < 0 ? raw : raw[(dash + 1)..];
            if (!int.TryParse(lowText, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                || !int.TryParse(highText, NumberStyles.None, CultureInfo.InvariantCulture, out var high)
                || low < 0 || high > 65535 || low > high)
            {
                return null;
            }

            ranges.Add(PortRange.FromBounds(low, high));
        }

        return ranges;
    }

    /// <summary>
    /// Builds the configuration from sysctl values by key. Linux has one range for TCP and UDP,
    /// IPv4 and IPv6: all four rows carry it. Unreadable values are left out of Settings.
    /// </summary>
    public static PortConfiguration ToConfiguration(IReadOnlyDictionary<string, string> values, string source)
    {
        var range = values.TryGetValue(LinuxSettings.PortRangeKey, out var rangeText) ? ParsePortRange(rangeText) : null;
        var reserved = values.TryGetValue(LinuxSettings.ReservedPortsKey, out var reservedText)
            ? ParseReservedPorts(reservedText) ?? []
            : [];
        var effective = range ?? LinuxSettings.DefaultRange;
        var dynamic = new List<DynamicPortRange>(4);
        foreach (var protocol in new[] { TransportProtocol.Tcp, TransportProtocol.Udp })
        {
            foreach (var family in new[] { IpFamily.IPv4, IpFamily.IPv6 })
            {
                dynamic.Add(new DynamicPortRange(protocol, family, effective));
            }
        }

        return new PortConfiguration
        {
            Dynamic = dynamic,
            Excluded = reserved.Select(r => new ExcludedPortRange(null, null, r)).ToList(),
            Settings = values.ToDictionary(kv => kv.Key, kv => kv.Value.Trim(), StringComparer.Ordinal),
            Source = source,
            IsAssumedDefault = range is null,
        };
    }
}
