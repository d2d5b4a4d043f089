namespace PortDoctor.Core.Model;

/// <summary>The Linux kernel settings that govern ephemeral ports, by their sysctl names.</summary>
public static class LinuxSettings
{
    public const string PortRangeKey = "net.ipv4.ip_local_port_range";
    public const string ReservedPortsKey = "net.ipv4.ip_local_reserved_ports";
    public const string UnprivilegedPortStartKey = "net.ipv4.ip_unprivileged_port_start";
    public const string TcpTwReuseKey = "net.ipv4.tcp_tw_reuse";
    public const string TcpFinTimeoutKey = "net.ipv4.tcp_fin_timeout";

    /// <summary>The file under /etc/sysctl.d that keeps a range PortDoctor sets across reboots.</summary>
    public const string PersistFileName = "60-portdoctor-port-range.conf";

    /// <summary>Linux's default when nothing else is known: 32768-60999.</summary>
    public static readonly PortRange DefaultRange = PortRange.FromBounds(32768, 60999);
}
