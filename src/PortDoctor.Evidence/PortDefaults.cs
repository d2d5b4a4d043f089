namespace PortDoctor.Evidence;

/// <summary>
/// Fills the dynamic ranges a set of files did not give with the platform default, saying so:
/// a verdict computed on an assumed range must not look measured.
/// </summary>
internal static class PortDefaults
{
    public static PortConfiguration Complete(List<DynamicPortRange> given, List<ExcludedPortRange> excluded,
        Dictionary<string, string> settings, OsKind os, string source, List<Note> notes)
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
                        notes.Add(new Note(NoteKind.RangeAssumedFromSibling) { Protocol = protocol, Family = family, Name = sibling.Family.ToString(), Range = sibling.Range });
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
            // macOS/BSD/Solaris files (bsd-netstat, bsd-sockstat) leave the OS unknown. Names: the protocols without a range (none: no range at all).
            var kind = os switch { OsKind.Linux => NoteKind.LinuxRangeAssumed, OsKind.Windows => NoteKind.WindowsRangeAssumed, _ => NoteKind.RangeAssumed };
            notes.Add(new Note(kind) { Range = Default(os), Names = given.Count == 0 ? [] : [.. assumed.Select(Upper)] });
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
