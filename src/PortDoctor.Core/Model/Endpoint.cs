namespace PortDoctor.Core.Model;

/// <summary>
/// An address and port as text: the canonical form of an IP address when it is one
/// (IPv6 compressed, zone id kept as "%id"), or the host name as given when a source printed
/// names instead of addresses. Port 0 with address "*" or "0.0.0.0"/"::" means "any".
/// </summary>
public readonly record struct Endpoint(string Address, int Port)
{
    public static readonly Endpoint AnyV4 = new("0.0.0.0", 0);
    public static readonly Endpoint AnyV6 = new("::", 0);

    /// <summary>Both ends of a socket known only as a count per state (uniq -c, find /c, Group-Object): no address, no port.</summary>
    public static readonly Endpoint Counted = new("*", 0);

    public bool IsUnspecified => Port == 0 && Address is "0.0.0.0" or "::" or "*" or "";

    /// <summary>127.0.0.0/8, ::1 or an IPv4-mapped 127.x address: this machine talking to itself.</summary>
    public bool IsLoopback => Address.StartsWith("127.", StringComparison.Ordinal) || Address is "::1"
        || Address.StartsWith("::ffff:127.", StringComparison.OrdinalIgnoreCase);

    /// <summary>"1.2.3.4:80" or "[::1]:80".</summary>
    public override string ToString() =>
        Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
