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
    string SysctlDirectory)
{
    /// <summary>--allow-shrink: a plan with fewer ports than now may be applied.</summary>
    public bool AllowShrink { get; init; }
}
