namespace PortDoctor.Core.Model;

/// <summary>The dynamic (ephemeral) range of one protocol and family.</summary>
public sealed record DynamicPortRange(TransportProtocol Protocol, IpFamily Family, PortRange Range);
