namespace PortDoctor.Platform.Ranges;

/// <summary>
/// Where a range lives: the machine (Linux: /etc/machine-id, else the host name) and, on Linux,
/// the network namespace (the link text of /proc/self/ns/net, e.g. "net:[4026531840]"), since
/// each namespace has its own ip_local_port_range. Windows has one range per machine (null).
/// </summary>
public sealed record RangeScope(string Machine, string? NetworkNamespace)
{
    public override string ToString() =>
        NetworkNamespace is null ? $"machine {Machine}" : $"network namespace {NetworkNamespace} on machine {Machine}";
}
