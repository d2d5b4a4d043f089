using System.Globalization;
using PortDoctor.Core;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Output.Diagnose;

/// <summary>diagnose's findings in words: the only place their sentences are written.</summary>
internal static class FindingText
{
    public static string Render(Finding finding, OsKind os) => finding switch
    {
        ProbeFailedFinding f => Probe(f),
        ConfirmingEventsFinding f => Invariant($"{Count(f.Count, "event")} {f.EventId} from {f.Source}, last at {f.Last:u}: {EventMeaning(f.EventId)}"),
        PoolUsageFinding f => Invariant($"{Describe(f.Pool)}: {f.Pool.HeadlinePorts} of {f.Pool.Capacity} ports in use ({f.Pool.UtilizationPercent:0.#}%) {Scope(f.Pool)}{Held(f.Pool)}"),
        PoolFullOfTimeWaitFinding f => Invariant($"the pool is full only because of TIME_WAIT ({f.TimeWaitOnlyPorts} of {f.Ports} ports), with no failed connect to confirm it: many TIME_WAIT alone is not exhaustion"),
        PortsHeldFinding f => Invariant($"a bind to port 0, a listener on port 0 or a program that binds its source address before it connects finds only {f.Free} of {f.Pool.Capacity} ports of the {Describe(f.Pool)} free: {f.Held} hold a socket ({f.Percent:0.#}%), and a connect shares only those held toward other destinations"),
        HandlesOverThresholdFinding f => Invariant($"{Who(f.Pid, f.Process)} holds {f.Handles} handles ({(f.Sockets is { } s ? Count(s, "socket") : "sockets unknown")}), {HandleLevelText(f)}"),
        OwnersUnreadableFinding f => Invariant($"the owners of {Count(f.Sockets, "socket")} could not be read ({f.EphemeralSockets} on ephemeral ports){(f.CouldHoldCulprit ? ", enough to be the culprit" : "")}: run as {Admin(os)} to attribute them"),
        NoOwnersInInputFinding f => Invariant($"this input has no owners (no PID column): {Count(f.EphemeralSockets, "socket")} on ephemeral ports cannot be attributed; capture `netstat -ano` (Windows) or `ss -tanp` as root (Linux) to name the process"),
        CountedWithoutPortsFinding f => Invariant($"{Count(f.Sockets, "TCP socket")} were given as counts without ports: if every one is outbound, up to {f.UpTo} of {f.Pool.Capacity} ports of the {Describe(f.Pool)} are in use ({f.Percent:0.#}%); the sockets with their ports (netstat -ano, ss -tan) tell"),
        CulpritShareFinding { Processes: > 1 } f => Invariant($"{f.Processes} processes named {f.Process} together hold {f.Ports} ports, {f.Percent:0.#}% of the pool (pattern {f.Pattern.ToName()}), none {LeakPatterns.CulpritSharePercent:0}% alone: over {Diagnostician.CulpritAtRiskPercent:0}% one program is a risk whatever the pool's level"),
        CulpritShareFinding f => Invariant($"{Who(f.Pid, f.Process)} alone holds {f.Ports} ports, {f.Percent:0.#}% of the pool (pattern {f.Pattern.ToName()}): over {Diagnostician.CulpritAtRiskPercent:0}% one process is a risk whatever the pool's level"),
        ForecastFinding f => Forecast(f),
        NoForecastFinding f => $"no forecast of when the pool fills: {f.Detail}",
        GrowthFinding f => Invariant($"{Who(f.Growth.Pid, f.Process)} grew from {f.Growth.First} to {Count(f.Growth.Last, "socket")} between {f.Growth.FirstTime:u} and {f.Growth.LastTime:u} ({f.Growth.PerHour:0.#}/hour, peak {f.Growth.Peak})"),
        TraceFailuresFinding f => Invariant($"a trace ending {f.TraceEnded:u} caught {Count(f.Failures, "connect/bind call")} failing for want of a port in {f.Processes} {(f.Processes == 1 ? "process" : "processes")}, last at {f.Last:u}; most in {Who(f.TopPid, f.TopCommand)}: {f.TopFailures}"),
        LogLinesFinding f => Invariant($"{Count(f.Count, $"{f.Source} log line")}, last at {f.Last:u}: {f.Message}"),
        PoolDetailFinding f => PoolDetail(f.Pool),
        OrphanedSocketsFinding f => Invariant($"{Count(f.Sockets, "TIME_WAIT or orphaned closing socket")}; {f.Attributed} attributed to a process{(f.ToGoneProcesses > 0 ? Invariant($" ({f.ToGoneProcesses} to processes that hold no socket now: exited since the monitor saw them, their TIME_WAIT outlive them)") : "")}, {f.Unattributed} without an owner"),
        KernelCounterFinding f => Invariant($"kernel counter {f.Name} = {f.Value} since boot (in a container: since its network namespace was created): {ExhaustionCounters.Meanings.GetValueOrDefault(f.Name, "")}"),
        _ => finding.Kind.ToName(),
    };

    /// <summary>Why this culprit, in the words of its signature.</summary>
    public static string CulpritReason(Culprit c)
    {
        var count = c.Counts.GetValueOrDefault(c.Pattern);
        var toward = c.TopDestination is { } remote ? Invariant($" ({c.TopDestinationSockets} toward {remote})") : "";
        var growing = c.GrowthPerHour is { } perHour
            ? Invariant($"; growing {perHour:+0.#} ports/h: the forecast's leak, may fill the pool within {Diagnostician.ForecastHorizon.TotalHours:0} h")
            : "";
        var shared = c.SharedWith.Count == 0 ? ""
            : Invariant($"; also held by {Count(c.SharedWith.Count, "other process", "other processes")}: {string.Join(", ", c.SharedWith.Take(3).Select(s => Who(s.Pid, s.Process)))}{(c.SharedWith.Count > 3 ? ", ..." : "")} (children inherit open sockets over fork)");
        return (c.Pattern switch
        {
            LeakPattern.Bound => Invariant($"{Count(count, "socket")} bound to an ephemeral port but never connected"),
            LeakPattern.Established => Invariant($"{Count(count, "connection")} held open and never closed{toward}"),
            LeakPattern.CloseWait => Invariant($"{Count(count, "connection")} in CLOSE_WAIT: the peer closed, the application never did{toward}"),
            LeakPattern.TimeWait => Invariant($"{Count(count, "TIME_WAIT socket")} inferred to be its own ({c.TimeWaitConfidence.ToName()} confidence): connections opened and closed at a high rate"),
            LeakPattern.Closing => Invariant($"{Count(count, "connection")} stuck closing (FIN_WAIT_1/2, CLOSING, LAST_ACK): the peer never finishes the close{toward}"),
            LeakPattern.UdpBound => Invariant($"{Count(count, "UDP socket")} on ephemeral ports, never closed"),
            _ => Invariant($"{Count(count, "connect")} stuck in SYN_SENT: the destination does not answer and the application keeps trying{toward}"),
        }) + growing + shared;
    }

    /// <summary>A culprit: one process, or a program's processes together.</summary>
    public static string Who(Culprit c) => c.MemberPids.Count > 1 ? Culprits.Members(c) : Who(c.Pid, c.Process);

    /// <summary>"PID 20 (name unknown)" when no source named the process.</summary>
    public static string Who(int pid, string? process) =>
        process is null ? Invariant($"PID {pid} (name unknown)") : Invariant($"{process} (PID {pid})");

    /// <summary>"1 socket", "2 sockets".</summary>
    public static string Count(long n, string noun) => Invariant($"{n} {noun}{(n == 1 ? "" : "s")}");

    /// <summary>"1 other process", "2 other processes".</summary>
    public static string Count(long n, string one, string many) => Invariant($"{n} {(n == 1 ? one : many)}");

    public static string Describe(EphemeralUsage usage) =>
        $"{usage.Protocol.ToName().ToUpperInvariant()}{(usage.Family.ToName() is { } f ? (f == "ipv4" ? " IPv4" : " IPv6") : "")} range {usage.Range}";

    /// <summary>
    /// Linux: what bind() sees when it differs from what a connect sees (ports held toward other
    /// destinations, TIME_WAIT a connect may reuse): a bind to port 0, or a listener on it, needs a port
    /// no socket holds.
    /// </summary>
    private static string Held(EphemeralUsage pool)
    {
        var held = Math.Min(pool.DistinctPortsHeld, pool.Capacity);
        if (held <= pool.HeadlinePorts)
        {
            return "";
        }

        var reusable = pool.ReusableTimeWait > 0 ? Invariant($", {pool.ReusableTimeWait} TIME_WAIT a connect may reuse") : "";
        var none = held >= pool.Capacity ? ": a bind to port 0 finds none free" : "";
        return Invariant($"; {held} of {pool.Capacity} hold a socket{reusable}{none}");
    }

    private static string Scope(EphemeralUsage pool) => pool.HeadlineDestination is { } d
        ? Invariant($"toward {d.Remote} from {d.LocalAddress} (Linux budgets local ports per destination; this is the fullest)")
        : "across all destinations";

    private static string Probe(ProbeFailedFinding f)
    {
        var code = f.NativeError is { } n ? Invariant($" ({n})") : "";
        return f.ConfirmsExhaustion
            ? $"outbound test {f.Target} failed with {f.ErrorName ?? "address unavailable"}{code}: no ephemeral port was available"
            : $"outbound test {f.Target} failed: {f.Outcome.ToName()}{(f.ErrorName is { } e ? " " + e : "")}{code}; not a port shortage (the destination or the path to it)";
    }

    private static string Forecast(ForecastFinding f)
    {
        static string When(double minutes) => DurationText.Format(TimeSpan.FromMinutes(minutes));
        var leader = f.Pid is { } pid ? $", leaking: {Who(pid, f.Process)}" : "";
        return Invariant($"full in about {When(f.Minutes)} ({When(f.MinutesLow)} - {When(f.MinutesHigh)}): {f.PerHour:+0.#} ports/h since {f.WindowStart:u}, R² {f.RSquared:0.00}{leader}, {Count(f.PortsLeft, "port")} left");
    }

    private static string PoolDetail(EphemeralUsage pool)
    {
        var line = Invariant($"{Describe(pool)}: capacity {pool.Capacity}, {Count(pool.DistinctPortsHeld, "distinct port held", "distinct ports held")}, {pool.GlobalPressure} held exclusively");
        if (pool.WorstDestinations.Count > 0)
        {
            line += "; worst destinations: " + string.Join(", ", pool.WorstDestinations.Take(3).Select(d =>
                Invariant($"{d.LocalAddress} -> {d.Remote} {Count(d.Ports, "port")} ({d.TimeWait} TIME_WAIT)")));
        }

        return pool.ReusableTimeWait > 0 ? line + Invariant($"; {pool.ReusableTimeWait} TIME_WAIT reusable (tcp_tw_reuse)") : line;
    }

    private static string HandleLevelText(HandlesOverThresholdFinding f) => f.Level switch
    {
        HandleLevel.LikelyCulprit => Invariant($"over {f.Threshold}: the likely culprit by the guide's rule"),
        HandleLevel.Suspicious => Invariant($"over {f.Threshold}: suspicious"),
        _ => "a system process that legitimately holds many",
    };

    private static string EventMeaning(int eventId) => eventId == 4231
        ? "a request to allocate an ephemeral port from the global TCP port space failed: all such ports are in use"
        : "TCP/IP could not reuse a recently used local endpoint to connect to the same remote endpoint (ports opened and closed at a high rate)";

    private static string Admin(OsKind os) => os == OsKind.Windows ? "Administrator" : "root";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
