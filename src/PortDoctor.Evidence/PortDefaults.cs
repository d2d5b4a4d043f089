namespace PortDoctor.Evidence;

/// <summary>
/// Fills the dynamic ranges a set of files did not give with the platform default, saying so:
/// a verdict computed on an assumed range must not look measured.
/// </summary>
internal static class PortDefaults
{
    public static PortConfiguration Complete(List<DynamicPortRange> given, List<ExcludedPortRange> excluded,
        Dictionary<string, string> settings, OsKind os, string source, List<string> notes)
    {
        var ranges = new List<DynamicPortRange>();
        var assumed = new List<TransportProtocol>();
        foreach (var protocol in new[] { TransportProtocol.Tcp, TransportProtocol.Udp })
        {
            foreach (var family in new[] { IpFamily.IPv4, IpFamily.IPv6 })
            {
                var found = given.LastOrDefault(r => r.Protocol == protocol && r.Family == family);
                var sibling = given.LastOrDefault(r => r.Protocol == protocol) ?? (os == OsKind.Linux ? given.LastOrDefault() : null);
                if (found is not null)
                {
                    ranges.Add(found);
                }
                else if (sibling is not null)
                {
                    ranges.Add(sibling with { Protocol = protocol, Family = family });
                    if (os != OsKind.Linux)
                    {
                        notes.Add($"no {family} {Upper(protocol)} range given: assumed equal to {sibling.Family} ({sibling.Range})");
                    }
                }
                else
                {
                    if (!assumed.Contains(protocol))
                    {
                        assumed.Add(protocol);
                    }

                    ranges.Add(new DynamicPortRange(protocol, family, Default(os)));
                }
            }
        }

        if (assumed.Count > 0)
        {
            var what = given.Count == 0 ? "no range given" : $"no {string.Join("/", assumed.Select(Upper))} range given";
            notes.Add(os switch
            {
                OsKind.Linux => $"{what}: assumed the Linux default 32768–60999 — pass the output of `sysctl net.ipv4.ip_local_port_range` to be exact",
                OsKind.Windows => $"{what}: assumed the Windows default 49152–65535 — pass the netsh output to be exact",

                // macOS/BSD/Solaris files (bsd-netstat, bsd-sockstat) leave the OS unknown.
                _ => $"{what}: assumed 49152–65535 (the default of Windows and macOS) — pass `sysctl net.inet.ip.portrange` (macOS/BSD) or the netsh output to be exact",
            });
        }

        return new PortConfiguration
        {
            Dynamic = ranges,
            Excluded = excluded,
            Settings = settings,
            Source = source,
            IsAssumedDefault = given.Count == 0,
        };
    }

    private static PortRange Default(OsKind os) =>
        os == OsKind.Linux ? PortRange.FromBounds(32768, 60999) : PortRange.FromBounds(49152, 65535);

    private static string Upper(TransportProtocol protocol) => protocol == TransportProtocol.Tcp ? "TCP" : "UDP";
}
