using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PortDoctor.Platform.Bundle;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// What a Linux support case needs besides our snapshot, in the order captured: /proc/net copies
/// first and `ss` last, so `diagnose --from bundle.zip` analyses the ss table (with owners) as the
/// latest snapshot and only takes BOUND rows from /proc/net.
/// </summary>
internal static partial class LinuxEvidenceItems
{
    private static readonly string[] PortSysctls =
    [
        "net/ipv4/ip_local_port_range", "net/ipv4/ip_local_reserved_ports", "net/ipv4/tcp_tw_reuse",
        "net/ipv4/tcp_fin_timeout", "net/ipv4/tcp_max_tw_buckets", "net/ipv4/tcp_max_orphans",
        "net/ipv4/tcp_timestamps", "net/ipv4/ip_autobind_reuse", "net/netfilter/nf_conntrack_max",
        "net/netfilter/nf_conntrack_count",
    ];

    public static IReadOnlyList<EvidenceItem> All() =>
    [
        new("proc-net-tcp.txt") { File = "/proc/net/tcp" },
        new("proc-net-tcp6.txt") { File = "/proc/net/tcp6" },
        new("proc-net-udp.txt") { File = "/proc/net/udp" },
        new("proc-net-udp6.txt") { File = "/proc/net/udp6" },
        new("proc-net-sockstat.txt") { File = "/proc/net/sockstat" },
        new("sysctl-ports.txt") { Produce = Sysctls, Description = "key = value of " + string.Join(", ", PortSysctls.Select(k => "/proc/sys/" + k)) },
        new("kernel-log.txt") { Command = ["dmesg"], LineFilter = KernelSocketLines() },
        new("nstat.txt") { Command = ["nstat", "-asz"] },
        new("ss-uanp.txt") { Command = ["ss", "-uanp"] },
        new("ss-tanpi.txt") { Command = ["ss", "-tanpi"] },
    ];

    private static string Sysctls()
    {
        var text = new StringBuilder();
        foreach (var key in PortSysctls)
        {
            var path = "/proc/sys/" + key;
            if (File.Exists(path))
            {
                text.Append(CultureInfo.InvariantCulture, $"{key.Replace('/', '.')} = {File.ReadAllText(path).Trim()}\n");
            }
        }

        return text.ToString();
    }

    // The kernel's words for socket trouble; Linux logs no line for EADDRNOTAVAIL itself.
    [GeneratedRegex(@"TCP|socket|conntrack|orphan|time wait|port", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KernelSocketLines();
}
