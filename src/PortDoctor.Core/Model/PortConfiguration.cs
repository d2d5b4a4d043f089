namespace PortDoctor.Core.Model;

/// <summary>
/// What limits ephemeral ports: the dynamic ranges per protocol and family, the ports taken out
/// of them (Linux ip_local_reserved_ports, Windows excluded port ranges), and the kernel settings
/// that matter (tcp_tw_reuse, tcp_fin_timeout, TcpTimedWaitDelay, ...), by their native names.
/// </summary>
public sealed record PortConfiguration
{
    public IReadOnlyList<DynamicPortRange> Dynamic { get; init; } = [];

    public IReadOnlyList<ExcludedPortRange> Excluded { get; init; } = [];

    /// <summary>Native setting name to value as text, e.g. "net.ipv4.tcp_tw_reuse" = "2".</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the ranges came from, e.g. "/proc/sys/net/ipv4" or "netsh output in file x".</summary>
    public string Source { get; init; } = "";

    /// <summary>True when no source gave a range and a platform default was assumed.</summary>
    public bool IsAssumedDefault { get; init; }

    public DynamicPortRange? Find(TransportProtocol protocol, IpFamily family) =>
        Dynamic.FirstOrDefault(d => d.Protocol == protocol && d.Family == family);
}
