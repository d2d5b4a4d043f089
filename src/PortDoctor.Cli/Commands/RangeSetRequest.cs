using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Commands;

/// <summary>`range set`'s options once parsed: null protocol/family mean "all".</summary>
internal sealed record RangeSetRequest(
    TransportProtocol? Protocol,
    IpFamily? Family,
    PortRange Range,
    bool Apply,
    bool Persist,
    string StateDirectory,
    string SysctlDirectory);
