using System.Globalization;

namespace PortDoctor.Evidence.Windows;

/// <summary>
/// <c>netsh int ipv4|ipv6 show dynamicport tcp|udp</c> and <c>show excludedportrange</c>, in any
/// language. Titles name the protocol ("tcp"/"udp") in every translation; the dynamic-port block
/// is two "label : number" lines (start, then count); exclusions are "start end [*]" rows. The
/// output never says IPv4 or IPv6: an echoed command line ("netsh int ipv6 ...") sets it, and
/// otherwise a protocol seen a second time is taken as the IPv6 run (the guide's order).
/// </summary>
internal sealed class NetshFormat : IEvidenceFormat
{
    public string Name => "netsh";

    public string Description => "netsh int ipv4|ipv6 show dynamicport tcp|udp and show excludedportrange (any language)";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var labelled = sample.Count(l => NetshReader.TryLabelledNumber(l, out _));
        var exclusionRows = sample.Count(l => NetshReader.TryExclusionRow(l, out _, out _, out _));
        var titles = sample.Count(l => NetshReader.ProtocolInTitle(l) is not null);
        var dashes = sample.Count(l => l.Trim().Length > 3 && l.Trim().Trim('-', ' ').Length == 0);
        if (titles == 0 && exclusionRows >= 1 && HasUntitledExclusionHeader(sample.NonBlank.ToList()))
        {
            // "Start Port    End Port" / "----------    --------" and rows, pasted without the title.
            return 85;
        }

        if (titles == 0 || dashes == 0)
        {
            return 0;
        }

        return labelled >= 2 || exclusionRows >= 1 || sample.Lines.Count(l => l.Trim().Length > 0) <= 8 ? 85 : 0;
    }

    private static bool HasUntitledExclusionHeader(List<string> lines)
    {
        for (var i = 1; i < lines.Count; i++)
        {
            if (NetshReader.IsUntitledExclusionHeader(lines[i - 1], lines[i]))
            {
                return true;
            }
        }

        return false;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new NetshReader(collector);
}
