using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// The guide's "Identifying" and "Troubleshooting" steps over one snapshot, as one verdict.
/// Exhausted needs confirmation (a probe failing with address-unavailable, Tcpip 4227/4231)
/// or a pool at its limit that is not only TIME_WAIT; many TIME_WAIT alone is not exhaustion. At risk from <see cref="AtRiskPercent"/> or a culprit-sized handle count.
/// </summary>
public static class Diagnostician
{
    public const double AtRiskPercent = 75;
    public const int ConsumersShown = 10;
    public const int GrowthShown = 5;

    public static Diagnosis Diagnose(Snapshot snapshot, DiagnosisContext? context = null)
    {
        context ??= DiagnosisContext.Empty;
        var usage = EphemeralAccounting.Compute(snapshot);
        var headline = EphemeralAccounting.Headline(usage);
        var tcpRange = usage.FirstOrDefault(u => u.Protocol == TransportProtocol.Tcp)?.Range;
        var timeWait = TimeWaitOwners.Infer(snapshot, context.Previous, tcpRange);
        var consumers = ProcessConsumers.Compute(snapshot, usage, timeWait);
        var culprits = LeakPatterns.FindCulprits(consumers, headline);
        var counters = (context.KernelCounters ?? new Dictionary<string, long>())
            .Where(c => c.Value != 0 && ExhaustionCounters.Meanings.ContainsKey(c.Key))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

        var reasons = new List<string>();
        var verdict = Decide(snapshot, headline, consumers, reasons);
        if (CountedWithoutPorts(snapshot, usage, reasons) && verdict == Verdict.Healthy)
        {
            verdict = Verdict.AtRisk;
        }

        return new Diagnosis(verdict)
        {
            Time = snapshot.Time,
            Host = snapshot.Host,
            Os = snapshot.Os,
            Reasons = reasons,
            Headline = headline,
            Usage = usage,
            Culprits = culprits,
            Consumers = consumers.Where(c => c.EphemeralPorts > 0 || c.HandleLevel != HandleLevel.Normal).Take(ConsumersShown).ToList(),
            Growth = context.Growth.Take(GrowthShown).ToList(),
            TimeWait = timeWait,
            Probes = snapshot.Probes,
            Events = snapshot.Events,
            KernelCounters = counters,
            Evidence = [.. GrowthEvidence(context.Growth, snapshot), .. Evidence(usage, consumers, timeWait, counters, snapshot.Events)],
            Remediation = RemediationPlan.Build(verdict, snapshot.Os, culprits, headline),
            Notes = snapshot.Notes,
        };
    }

    private static Verdict Decide(Snapshot snapshot, EphemeralUsage? headline, IReadOnlyList<ProcessConsumer> consumers, List<string> reasons)
    {
        var failed = snapshot.Probes.Where(p => p.Outcome == ProbeOutcome.AddressUnavailable).ToList();
        foreach (var probe in failed)
        {
            reasons.Add($"outbound test {probe.Target} failed with {probe.ErrorName ?? "address unavailable"}" +
                (probe.NativeError is { } code ? $" ({code.ToString(CultureInfo.InvariantCulture)})" : "") + ": no ephemeral port was available");
        }

        // Kernel log lines (TIME_WAIT bucket overflow...) are evidence, not confirmation: Linux logs no line for EADDRNOTAVAIL.
        var confirming = snapshot.Events.Where(e => e.EventId is 4227 or 4231).ToList();
        foreach (var group in confirming.GroupBy(e => e.EventId))
        {
            reasons.Add($"{group.Sum(e => e.Count)} {group.First().Source} event(s) {group.Key}: {EventText(group.Key, group.First().Message)}");
        }

        var percent = headline?.UtilizationPercent ?? 0;
        var full = headline is not null && headline.HeadlinePorts >= headline.Capacity;
        // Full only because of TIME_WAIT: without it the next connect would still find a port.
        var onlyTimeWait = full && headline!.HeadlinePorts - headline.TimeWaitOnlyPorts < headline.Capacity;
        if (headline is not null)
        {
            reasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{Describe(headline)}: {headline.HeadlinePorts} of {headline.Capacity} ports in use ({percent:0.#}%, {headline.HeadlineScope})"));
        }

        if (failed.Count > 0 || confirming.Count > 0 || (full && !onlyTimeWait))
        {
            return Verdict.Exhausted;
        }

        if (full && onlyTimeWait)
        {
            reasons.Add("the pool is full of TIME_WAIT only, with no failed connect to confirm it: many TIME_WAIT alone is not exhaustion");
        }

        var heavy = consumers.Where(c => c.HandleLevel == HandleLevel.LikelyCulprit).ToList();
        foreach (var consumer in heavy)
        {
            reasons.Add($"{consumer.Process} (PID {consumer.Pid}) holds {consumer.HandleCount} handles, over the guide's {HandleThresholds.LikelyCulprit}");
        }

        return percent >= AtRiskPercent || heavy.Count > 0 ? Verdict.AtRisk : Verdict.Healthy;
    }

    /// <summary>
    /// Sockets known only as counts per state (<c>uniq -c</c>, <c>find /c</c>, Group-Object) have
    /// no ports, so no pool can count them; each one in a state that holds a local port may hold
    /// an ephemeral one. Their number is given as an upper bound on the TCP pool, and at
    /// <see cref="AtRiskPercent"/> or more it makes the host at risk (never exhausted: nothing
    /// confirms it). True when it does.
    /// </summary>
    private static bool CountedWithoutPorts(Snapshot snapshot, IReadOnlyList<EphemeralUsage> usage, List<string> reasons)
    {
        var counted = snapshot.CountedSockets.Where(s => s.Protocol == TransportProtocol.Tcp &&
            s.State is not (SocketState.Listen or SocketState.SynReceived or SocketState.Unknown or SocketState.Closed)).Sum(s => s.Count);
        var pool = usage.Where(u => u.Protocol == TransportProtocol.Tcp).OrderByDescending(u => u.HeadlinePorts).FirstOrDefault();
        if (counted == 0 || pool is null || pool.Capacity == 0)
        {
            return false;
        }

        var bound = Math.Min(pool.Capacity, pool.HeadlinePorts + counted);
        var percent = Math.Round(100.0 * bound / pool.Capacity, 1);
        reasons.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"{counted} TCP sockets were given as counts without ports: if every one is outbound, up to {bound} of {pool.Capacity} ports of the {Describe(pool)} are in use ({percent:0.#}%); the sockets with their ports (netstat -ano, ss -tan) tell"));
        return percent >= AtRiskPercent;
    }

    /// <summary>The event's message on one line, or what the event id means when the export carried no text.</summary>
    private static string EventText(int eventId, string message)
    {
        var oneLine = string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (oneLine.Length > 0)
        {
            return oneLine;
        }

        return eventId == 4231
            ? "a request to allocate an ephemeral port from the global TCP port space failed: all such ports are in use"
            : "TCP/IP could not reuse a recently used local endpoint to connect to the same remote endpoint (ports opened and closed at a high rate)";
    }

    /// <summary>The processes that grew across the series: what the guide's one-minute log is read for.</summary>
    private static IEnumerable<string> GrowthEvidence(IReadOnlyList<ProcessGrowth> growth, Snapshot snapshot) =>
        growth.Where(g => g.Growth > 0).Take(GrowthShown).Select(g => string.Create(
            CultureInfo.InvariantCulture,
            $"{(snapshot.Processes.TryGetValue(g.Pid, out var p) ? p.Name + " " : "")}(PID {g.Pid}) grew from {g.First} to {g.Last} sockets between {g.FirstTime:u} and {g.LastTime:u} ({g.PerHour:0.#}/hour, peak {g.Peak})"));

    private static string Describe(EphemeralUsage usage) =>
        $"{(usage.Protocol == TransportProtocol.Tcp ? "TCP" : "UDP")}{(usage.Family is { } f ? (f == IpFamily.IPv4 ? " IPv4" : " IPv6") : "")} range {usage.Range}";

    private static List<string> Evidence(
        IReadOnlyList<EphemeralUsage> usage, IReadOnlyList<ProcessConsumer> consumers,
        IReadOnlyList<TimeWaitAttribution> timeWait, Dictionary<string, long> counters, IReadOnlyList<PortEvent> events)
    {
        var evidence = new List<string>();
        foreach (var group in events.Where(e => e.EventId is not (4227 or 4231)).GroupBy(e => (e.Source, e.Message)))
        {
            evidence.Add(string.Create(CultureInfo.InvariantCulture, $"{group.Sum(e => e.Count)} {group.Key.Source} log line(s), last at {group.Max(e => e.Time):u}: {group.Key.Message}"));
        }

        foreach (var pool in usage.Where(u => u.DistinctPortsHeld > 0))
        {
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{Describe(pool)}: capacity {pool.Capacity}, {pool.DistinctPortsHeld} distinct ports held, {pool.GlobalPressure} held exclusively");
            if (pool.WorstDestinations.Count > 0)
            {
                line += "; worst destinations: " + string.Join(", ", pool.WorstDestinations.Take(3).Select(d =>
                    string.Create(CultureInfo.InvariantCulture, $"{d.LocalAddress} -> {d.Remote} {d.Ports} ports ({d.TimeWait} TIME_WAIT)")));
            }

            if (pool.ReusableTimeWait > 0)
            {
                line += string.Create(CultureInfo.InvariantCulture, $"; {pool.ReusableTimeWait} TIME_WAIT reusable (tcp_tw_reuse)");
            }

            evidence.Add(line);
        }

        foreach (var consumer in consumers.Where(c => c.HandleLevel is HandleLevel.Suspicious or HandleLevel.LikelyCulprit or HandleLevel.AllowListed))
        {
            var level = consumer.HandleLevel switch
            {
                HandleLevel.LikelyCulprit => $"over {HandleThresholds.LikelyCulprit}: the likely culprit by the guide's rule",
                HandleLevel.Suspicious => $"over {HandleThresholds.Suspicious}: suspicious",
                _ => "a system process that legitimately holds many",
            };
            evidence.Add($"{consumer.Process} (PID {consumer.Pid}) holds {consumer.HandleCount} handles ({consumer.SocketCount?.ToString(CultureInfo.InvariantCulture) ?? "?"} sockets), {level}");
        }

        var unattributed = timeWait.Where(t => t.Confidence == AttributionConfidence.None).Sum(t => t.Count);
        var total = timeWait.Sum(t => t.Count);
        if (total > 0)
        {
            evidence.Add($"{total} TIME_WAIT or orphaned closing sockets; {total - unattributed} attributed to a live process, {unattributed} without an owner");
        }

        foreach (var counter in counters)
        {
            evidence.Add(string.Create(CultureInfo.InvariantCulture, $"kernel counter {counter.Key} = {counter.Value} since boot: {ExhaustionCounters.Meanings[counter.Key]}"));
        }

        return evidence;
    }
}
