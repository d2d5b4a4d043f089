using PortDoctor.Core.Model;

namespace PortDoctor.Core.Ranges;

/// <summary>
/// The rules a dynamic port range must follow before anything is changed, and the wider range
/// PortDoctor suggests as relief. Windows rules come from the guide (netsh): start at least 1025,
/// at least 255 ports, end at most 65535. Linux adds: nothing below ip_unprivileged_port_start,
/// and a warning (the kernel accepts it with a log line) when start and end have the same parity,
/// since connect() prefers even ports and bind() odd ones. Listeners inside the range are a warning.
/// </summary>
public static class PortRangeRules
{
    public const int MinimumStart = 1025;
    public const int MinimumCount = 255;
    public const int MaximumEnd = 65535;

    /// <summary>Lowest start PortDoctor suggests, to keep clear of common service ports below it.</summary>
    public const int SuggestedFloor = 10000;

    public static readonly PortRange WindowsDefault = new(49152, 16384);
    public static readonly PortRange WindowsLegacy = PortRange.FromBounds(1025, 5000);

    /// <summary>The kernel's default net.ipv4.ip_local_port_range.</summary>
    public static readonly PortRange LinuxDefault = PortRange.FromBounds(32768, 60999);

    /// <summary>`range set --default`: the default of the OS it runs on.</summary>
    public static PortRange DefaultFor(OsKind os) => os == OsKind.Linux ? LinuxDefault : WindowsDefault;

    /// <summary>Checks a proposed range; an empty list means it may be applied.</summary>
    /// <param name="unprivilegedPortStart">Linux ip_unprivileged_port_start, when known.</param>
    /// <param name="listenerPorts">Ports listeners on this machine use (for the overlap warning).</param>
    public static IReadOnlyList<RangeRuleViolation> Validate(
        int start,
        int count,
        OsKind os,
        int? unprivilegedPortStart = null,
        IEnumerable<int>? listenerPorts = null)
    {
        var problems = new List<RangeRuleViolation>();
        long end = (long)start + count - 1;
        if (start < MinimumStart)
        {
            problems.Add(new("start", $"start {start} is below {MinimumStart}, the lowest start allowed"));
        }

        if (count < MinimumCount)
        {
            problems.Add(new("count", $"count {count} is below {MinimumCount}, the smallest range allowed"));
        }

        if (end > MaximumEnd)
        {
            problems.Add(new("end", $"start {start} + count {count} ends at {end}, above {MaximumEnd}"));
        }

        if (os == OsKind.Linux)
        {
            if (count > 0 && (start % 2) == (end % 2))
            {
                problems.Add(new(
                    "parity",
                    $"start {start} and end {end} have the same parity; the kernel accepts it but prefers one even and one odd " +
                    $"(e.g. end {(end < MaximumEnd ? end + 1 : end - 1)}) so connect() and bind() each get half",
                    IsWarning: true));
            }

            if (unprivilegedPortStart is { } unprivileged && start < unprivileged)
            {
                problems.Add(new(
                    "unprivileged",
                    $"start {start} is below ip_unprivileged_port_start {unprivileged}: those ports need privilege to bind"));
            }
        }

        if (listenerPorts is not null && problems.All(p => p.IsWarning))
        {
            var inside = listenerPorts.Where(p => p >= start && p <= end).Distinct().Order().ToList();
            if (inside.Count > 0)
            {
                problems.Add(new(
                    "listeners",
                    $"the range covers {inside.Count} port(s) that listeners here use ({string.Join(", ", inside.Take(10))}" +
                    $"{(inside.Count > 10 ? ", ..." : "")}); reserve them (ip_local_reserved_ports / excludedportrange) or pick another range",
                    IsWarning: true));
            }
        }

        return problems;
    }

    /// <summary>
    /// A wider range for relief: the start moved down by the current size (never below
    /// <see cref="SuggestedFloor"/>) and the end moved up to 65535; on Linux with an even start
    /// (65535 is odd). The Windows default 49152-65535 becomes 32768-65535.
    /// Returns the current range when it cannot grow.
    /// </summary>
    public static PortRange SuggestWider(PortRange current, OsKind os)
    {
        var start = Math.Max(SuggestedFloor, current.Start - current.Count);
        start = Math.Min(start, current.Start);
        if (os == OsKind.Linux && start % 2 != 0)
        {
            start--;
        }

        var wider = PortRange.FromBounds(start, MaximumEnd);
        return wider.Count > current.Count ? wider : current;
    }
}
