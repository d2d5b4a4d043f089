namespace PortDoctor.Evidence.Linux;

/// <summary>
/// The port range as people copy it: <c>sysctl net.ipv4.ip_local_port_range</c> ("key = 32768\t60999"),
/// <c>sysctl -a | grep ...</c> (any keys: tcp_tw_reuse, tcp_fin_timeout and the rest are kept as
/// settings), /etc/sysctl.conf lines ("key=1024 65000", "#" comments), a copy of
/// /proc/sys/net/ipv4/ip_local_port_range or <c>sysctl -n</c> (two numbers alone), and the BSD/macOS
/// <c>sysctl net.inet.ip.portrange</c> ("net.inet.ip.portrange.first: 49152").
/// </summary>
internal sealed class SysctlFormat : IEvidenceFormat
{
    public string Name => "sysctl";

    public string Description => "sysctl output / sysctl.conf lines / a copy of ip_local_port_range (two numbers)";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var keys = 0;
        var ranges = 0;
        foreach (var line in sample.NonBlank)
        {
            switch (SysctlReader.Classify(line, out var key, out _))
            {
                case SysctlReader.LineKind.Setting:
                    keys++;
                    ranges += SysctlReader.IsRangeKey(key) ? 1 : 0;
                    break;
                case SysctlReader.LineKind.BareRange:
                    ranges++;
                    break;
                case SysctlReader.LineKind.Other:
                    return 0;
            }
        }

        return ranges > 0 ? 90 : keys > 0 ? 80 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new SysctlReader(collector);
}
