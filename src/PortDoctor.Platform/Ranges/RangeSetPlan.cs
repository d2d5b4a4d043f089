using PortDoctor.Core.Model;

namespace PortDoctor.Platform.Ranges;

/// <summary>
/// What `range set` will change: the new range for each target (protocol and family) with the
/// range it replaces, and, on Linux, whether to persist it and where.
/// </summary>
public sealed record RangeSetPlan(IReadOnlyList<DynamicPortRange> Current, PortRange NewRange)
{
    /// <summary>Linux: also write a file under <see cref="SysctlDirectory"/> so the range survives a reboot.</summary>
    public bool Persist { get; init; }

    public string SysctlDirectory { get; init; } = RangeStateLocations.DefaultSysctlDirectory;
}
