namespace PortDoctor.Core.Model;

/// <summary>Ports taken out of the dynamic range. Protocol null means all protocols (Linux reserved ports).</summary>
public sealed record ExcludedPortRange(TransportProtocol? Protocol, IpFamily? Family, PortRange Range)
{
    /// <summary>True for Windows "administered port exclusions" (marked * by netsh).</summary>
    public bool Administered { get; init; }
}
