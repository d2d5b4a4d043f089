using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Core.Trends.Forecasting;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// The guide's "Identifying" and "Troubleshooting" steps over one snapshot, as one verdict and its
/// findings (data; the CLI words them). Exhausted needs confirmation (a probe failing with
/// address-unavailable, Tcpip 4227/4231) or a pool at its limit that is not only TIME_WAIT; many
/// TIME_WAIT alone is not exhaustion. At risk from <see cref="AtRiskPercent"/>, a culprit-sized
/// handle count, one process holding <see cref="CulpritAtRiskPercent"/> of the pool, or a periodic
/// series (a periodic log, the monitor's history) whose forecast's pessimistic edge fills the pool
/// within <see cref="ForecastHorizon"/>.
/// </summary>
public static class Diagnostician
{
    public const double AtRiskPercent = 75;

    /// <summary>
    /// One process holding more than this share of the pool's capacity makes the host at least at
    /// risk. Its ports are counted like the pool's: on Linux at most the headline's (a local port
    /// reused toward several destinations is one port, not several).
    /// </summary>
    public const double CulpritAtRiskPercent = 50;

    public const int ConsumersShown = 10;
    public const int GrowthShown = 5;

    /// <summary>A pool whose forecast band's early edge falls within this time makes the host at risk.</summary>
    public static readonly TimeSpan ForecastHorizon = TimeSpan.FromHours(24);

    public static Diagnosis Diagnose(Snapshot snapshot, DiagnosisContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        context ??= DiagnosisContext.Empty;
        var usage = EphemeralAccounting.Compute(snapshot, context.Usage);
        var headline = EphemeralAccounting.Headline(usage);
        var tcpRange = usage.FirstOrDefault(u => u.Protocol == TransportProtocol.Tcp)?.Range;
        var timeWait = TimeWaitOwners.Infer(snapshot, context.Previous, tcpRange);
        var consumers = ProcessConsumers.WithSharedPorts(snapshot, usage, ProcessConsumers.Compute(snapshot, usage, timeWait));
        var single = LeakPatterns.FindCulprits(consumers, headline);
        IReadOnlyList<Culprit> culprits = [.. single, .. LeakPatterns.FindPrograms(consumers, headline, single)];
        var counters = (context.KernelCounters ?? new Dictionary<string, long>())
            .Where(c => c.Value != 0 && ExhaustionCounters.Meanings.ContainsKey(c.Key))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

        var reasons = new List<Finding>();
        var evidence = new List<Finding>();
        var verdict = Decide(snapshot, usage, headline, consumers, reasons);
        if (CountedWithoutPorts(snapshot, usage, reasons) && verdict == Verdict.Healthy)
        {
            verdict = Verdict.AtRisk;
        }

        if (CulpritSizedOrFilling(snapshot, headline, culprits, context, reasons, evidence) && verdict == Verdict.Healthy)
        {
            verdict = Verdict.AtRisk;
        }

        culprits = WithFillingLeak(culprits, consumers, headline, reasons);
        culprits = WithSharers(snapshot, culprits);

        if (TraceFailures(context.RecentTrace) is { } traced)
        {
            // Confirmation of a verdict already reached; alone, failures an hour ago do not make the host at risk now.
            (verdict == Verdict.Healthy ? evidence : reasons).Add(traced);
        }

        var hidden = Owners(snapshot, usage, headline, culprits, reasons, evidence);
        evidence.AddRange(GrowthEvidence(context.Growth, snapshot));
        evidence.AddRange(Evidence(usage, consumers, timeWait, counters, snapshot.Events));
        return new Diagnosis(verdict)
        {
            Time = snapshot.Time,
            Host = snapshot.Host,
            Namespace = snapshot.Namespace,
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
            Evidence = evidence,
            Remediation = RemediationPlan.Build(verdict, snapshot.Os, culprits, headline, hidden, reasons.OfType<PortsHeldFinding>().Any()),
            Notes = snapshot.Notes,
        };
    }

    private static TraceFailuresFinding? TraceFailures(Tracing.TraceSummary? trace) =>
        trace is { TotalFailures: > 0, Processes: [var top, ..] }
            ? new TraceFailuresFinding(trace.TotalFailures, trace.Processes.Count, top.Pid, top.Command, top.Total, trace.Processes.Max(p => p.Last), trace.Ended)
            : null;

    private static Verdict Decide(Snapshot snapshot, IReadOnlyList<EphemeralUsage> usage, EphemeralUsage? headline, IReadOnlyList<ProcessConsumer> consumers, List<Finding> reasons)
    {
        var failed = snapshot.Probes.Where(p => p.Outcome == ProbeOutcome.AddressUnavailable).ToList();
        reasons.AddRange(failed.Select(p => new ProbeFailedFinding(p.Target, p.Outcome, p.ErrorName, p.NativeError)));

        // Kernel log lines (TIME_WAIT bucket overflow...) are evidence, not confirmation: Linux logs no line for EADDRNOTAVAIL.
        var confirming = snapshot.Events.Where(e => e.EventId is 4227 or 4231).ToList();
        foreach (var group in confirming.GroupBy(e => e.EventId))
        {
            reasons.Add(new ConfirmingEventsFinding(group.First().Source, group.Key, group.Sum(e => e.Count), group.Max(e => e.Time)));
        }

        var percent = headline?.UtilizationPercent ?? 0;
        var full = headline is not null && headline.HeadlinePorts >= headline.Capacity;
        // Full only because of TIME_WAIT: without it the next connect would still find a port.
        var onlyTimeWait = full && headline!.HeadlinePorts - headline.TimeWaitOnlyPorts < headline.Capacity;
        if (headline is not null)
        {
            reasons.Add(new PoolUsageFinding(headline));
        }

        // A test that failed otherwise (refused, timed out) is not exhaustion, but the user asked for it: say so up front.
        reasons.AddRange(snapshot.Probes
            .Where(p => p.Outcome is not (ProbeOutcome.Succeeded or ProbeOutcome.AddressUnavailable))
            .Select(p => new ProbeFailedFinding(p.Target, p.Outcome, p.ErrorName, p.NativeError)));

        if (failed.Count > 0 || confirming.Count > 0 || (full && !onlyTimeWait))
        {
            return Verdict.Exhausted;
        }

        if (full && onlyTimeWait)
        {
            reasons.Add(new PoolFullOfTimeWaitFinding(headline!.HeadlinePorts, headline.TimeWaitOnlyPorts, headline.Capacity));
        }

        var heavy = consumers.Where(c => c.HandleLevel == HandleLevel.LikelyCulprit).ToList();
        reasons.AddRange(heavy.Select(c => new HandlesOverThresholdFinding(c.Pid, c.Process, c.HandleCount ?? 0, c.SocketCount, c.HandleLevel)));
        var held = PortsHeld(usage).ToList();
        reasons.AddRange(held);
        return percent >= AtRiskPercent || heavy.Count > 0 || held.Count > 0 ? Verdict.AtRisk : Verdict.Healthy;
    }

    /// <summary>
    /// Linux pools where <see cref="AtRiskPercent"/> or more of the ports hold a socket though a
    /// connect toward the fullest destination sees the pool below it: connects share ports across
    /// destinations, but a bind to port 0 (a port-0 listener, a program that binds before it
    /// connects) needs a port no socket holds, and finds few.
    /// </summary>
    private static IEnumerable<PortsHeldFinding> PortsHeld(IReadOnlyList<EphemeralUsage> usage)
    {
        foreach (var pool in usage)
        {
            var held = Math.Min(pool.DistinctPortsHeld, pool.Capacity);
            var percent = pool.Capacity == 0 ? 0 : Math.Round(100.0 * held / pool.Capacity, 1);
            if (held > pool.HeadlinePorts && percent >= AtRiskPercent && pool.UtilizationPercent < AtRiskPercent)
            {
                yield return new PortsHeldFinding(pool, held, pool.Capacity - held, percent);
            }
        }
    }

    /// <summary>
    /// Sockets known only as counts per state (<c>uniq -c</c>, <c>find /c</c>, Group-Object) have
    /// no ports, so no pool can count them; each one in a state that holds a local port may hold
    /// an ephemeral one. Their number is given as an upper bound on the TCP pool, and at
    /// <see cref="AtRiskPercent"/> or more it makes the host at risk (never exhausted: nothing
    /// confirms it). True when it does.
    /// </summary>
    private static bool CountedWithoutPorts(Snapshot snapshot, IReadOnlyList<EphemeralUsage> usage, List<Finding> reasons)
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
        reasons.Add(new CountedWithoutPortsFinding(counted, bound, percent, pool));
        return percent >= AtRiskPercent;
    }

    /// <summary>
    /// A culprit holding <see cref="CulpritAtRiskPercent"/> of the pool, or a series whose forecast
    /// may fill the pool within <see cref="ForecastHorizon"/>: at risk, whatever the pool's level now.
    /// </summary>
    private static bool CulpritSizedOrFilling(
        Snapshot snapshot, EphemeralUsage? headline, IReadOnlyList<Culprit> culprits, DiagnosisContext context, List<Finding> reasons, List<Finding> evidence)
    {
        var risk = false;
        var capacity = Math.Max(headline?.Capacity ?? 0, 1);
        foreach (var culprit in culprits)
        {
            var ports = Math.Min(culprit.Ports, headline?.HeadlinePorts ?? culprit.Ports);
            var percent = Math.Round(100.0 * ports / capacity, 1);
            if (percent > CulpritAtRiskPercent)
            {
                reasons.Add(new CulpritShareFinding(culprit.Pid, culprit.Process, culprit.Pattern, ports, percent) { Processes = Math.Max(culprit.MemberPids.Count, 1) });
                risk = true;
            }
        }

        switch (Forecast(snapshot, headline, context))
        {
            case ForecastFinding forecast:
                reasons.Add(forecast);
                risk |= forecast.MinutesLow < ForecastHorizon.TotalMinutes;
                break;
            case { } none:
                evidence.Add(none);
                break;
        }

        return risk;
    }

    /// <summary>
    /// The process the forecast finds leaking, when the pool may fill within <see cref="ForecastHorizon"/>,
    /// is a culprit even below <see cref="LeakPatterns.CulpritSharePercent"/>: the verdict is at risk
    /// because of it, and "no culprit" would contradict the forecast. Listed after the share culprits.
    /// </summary>
    private static IReadOnlyList<Culprit> WithFillingLeak(
        IReadOnlyList<Culprit> culprits, IReadOnlyList<ProcessConsumer> consumers, EphemeralUsage? headline, List<Finding> reasons)
    {
        if (reasons.OfType<ForecastFinding>().FirstOrDefault() is not { Pid: { } pid } forecast
            || forecast.MinutesLow >= ForecastHorizon.TotalMinutes
            || culprits.Any(c => c.Pid == pid)
            || consumers.FirstOrDefault(c => c.Pid == pid) is not { } consumer
            || LeakPatterns.Of(consumer, headline) is not { } leak)
        {
            return culprits;
        }

        return [.. culprits, leak with { GrowthPerHour = forecast.PerHour }];
    }

    /// <summary>Each culprit with the processes that hold its sockets too (<see cref="ProcessInfo.HoldsSocketsOf"/>).</summary>
    private static IReadOnlyList<Culprit> WithSharers(Snapshot snapshot, IReadOnlyList<Culprit> culprits)
    {
        if (culprits.Count == 0 || !snapshot.Processes.Values.Any(p => p.HoldsSocketsOf.Count > 0))
        {
            return culprits;
        }

        return culprits.Select(c => c with
        {
            SharedWith = snapshot.Processes.Values
                .Where(p => p.HoldsSocketsOf.ContainsKey(c.Pid))
                .Select(p => new SocketSharer(p.Pid, p.Name, p.HoldsSocketsOf[c.Pid]))
                .OrderByDescending(s => s.Sockets)
                .ThenBy(s => s.Pid)
                .ToList(),
        }).ToList();
    }

    /// <summary>
    /// The forecast engine over the monitor's history, else over a periodic log's samples (growth
    /// from their counts, level from this snapshot): an ETA with its band and the leaking process,
    /// or why there is none. Null without a series.
    /// </summary>
    internal static Finding? Forecast(Snapshot snapshot, EphemeralUsage? headline, DiagnosisContext context)
    {
        if (headline is null || headline.Capacity <= 0)
        {
            return null;
        }

        var series = context.History.Count > 0 ? context.History
            : context.Series.Count > 1 ? SummarySeries.Headline(context.Series, headline.HeadlinePorts, headline.TimeWaitOnlyPorts) : [];
        if (series.Count == 0)
        {
            return null;
        }

        var result = Forecaster.Forecast(series, headline.Capacity);
        if (result.Forecast is not { } f)
        {
            return new NoForecastFinding(result.Reason, result.Detail);
        }

        string? Name(int pid) => snapshot.Processes.TryGetValue(pid, out var p) ? p.Name : null;
        var points = context.History.Count > 0 ? context.HistoryProcesses
            : context.Series.Count > 1 ? SummarySeries.Processes(context.Series, Name) : [];
        var leader = points.Count > 0 ? ProcessTrends.Analyze(points, headline.Capacity).FirstOrDefault(t => t.Leak) : null;
        return new ForecastFinding(leader?.Pid, leader is null ? null : Name(leader.Pid) ?? (leader.Name == SummarySeries.Unnamed(leader.Pid) ? null : leader.Name), Math.Round(f.RatePerHour, 1), (int)Math.Max(0, Math.Round(f.Capacity - f.Level)), Math.Round(f.EtaSeconds / 60, 1))
        {
            MinutesLow = Math.Round(f.EtaLowSeconds / 60, 1),
            MinutesHigh = Math.Round(f.EtaHighSeconds / 60, 1),
            Method = f.Method,
            WindowStart = f.WindowStart,
            RSquared = Math.Round(f.RSquared, 3),
        };
    }

    /// <summary>
    /// Sockets on ephemeral ports without an owner: hidden by a missing privilege (the answer needs
    /// root), or an input without a PID column. A reason when they are enough to be the culprit
    /// (the culprit share of the pool, and more than the named culprit holds). True when hidden.
    /// </summary>
    private static bool Owners(
        Snapshot snapshot, IReadOnlyList<EphemeralUsage> usage, EphemeralUsage? headline, IReadOnlyList<Culprit> culprits,
        List<Finding> reasons, List<Finding> evidence)
    {
        var ephemeral = ProcessConsumers.EphemeralWithoutOwner(snapshot, usage);
        var capacity = Math.Max(headline?.Capacity ?? 0, 1);
        var couldHold = ephemeral > 0 && 100.0 * ephemeral / capacity >= LeakPatterns.CulpritSharePercent &&
            ephemeral > (culprits.Count > 0 ? culprits[0].Ports : 0);
        if (snapshot.UnreadableOwners > 0 || snapshot.PermissionProblem is not null)
        {
            var sockets = snapshot.UnreadableOwners > 0 ? snapshot.UnreadableOwners : ephemeral;
            (couldHold ? reasons : evidence).Add(new OwnersUnreadableFinding(sockets, ephemeral, couldHold));
            return couldHold;
        }

        if (couldHold && snapshot.Sockets.All(s => TimeWaitOwners.Owner(s) is null))
        {
            reasons.Add(new NoOwnersInInputFinding(ephemeral));
        }

        return false;
    }

    /// <summary>The processes that grew across the series: what the guide's one-minute log is read for.</summary>
    private static IEnumerable<Finding> GrowthEvidence(IReadOnlyList<ProcessGrowth> growth, Snapshot snapshot) =>
        growth.Where(g => g.Growth > 0).Take(GrowthShown)
            .Select(g => new GrowthFinding(g, snapshot.Processes.TryGetValue(g.Pid, out var p) ? p.Name : null));

    private static List<Finding> Evidence(
        IReadOnlyList<EphemeralUsage> usage, IReadOnlyList<ProcessConsumer> consumers,
        IReadOnlyList<TimeWaitAttribution> timeWait, Dictionary<string, long> counters, IReadOnlyList<PortEvent> events)
    {
        var evidence = new List<Finding>();
        foreach (var group in events.Where(e => e.EventId is not (4227 or 4231)).GroupBy(e => (e.Source, e.Message)))
        {
            evidence.Add(new LogLinesFinding(group.Key.Source, group.Sum(e => e.Count), group.Max(e => e.Time), group.Key.Message));
        }

        evidence.AddRange(usage.Where(u => u.DistinctPortsHeld > 0).Select(u => new PoolDetailFinding(u)));
        evidence.AddRange(consumers
            .Where(c => c.HandleLevel is HandleLevel.Suspicious or HandleLevel.LikelyCulprit or HandleLevel.AllowListed)
            .Select(c => new HandlesOverThresholdFinding(c.Pid, c.Process, c.HandleCount ?? 0, c.SocketCount, c.HandleLevel)));

        var unattributed = timeWait.Where(t => t.Confidence == AttributionConfidence.None).Sum(t => t.Count);
        var total = timeWait.Sum(t => t.Count);
        if (total > 0)
        {
            // An owner from the monitor's history may have exited since: its TIME_WAIT outlive it.
            var holding = consumers.Where(c => c.SocketsByState.Count > 0 || c.HandleCount is not null).Select(c => c.Pid).ToHashSet();
            var gone = timeWait.Where(t => t is { Pid: { } pid, Confidence: not AttributionConfidence.None } && !holding.Contains(pid)).Sum(t => t.Count);
            evidence.Add(new OrphanedSocketsFinding(total, total - unattributed, unattributed) { ToGoneProcesses = gone });
        }

        evidence.AddRange(counters.Select(c => new KernelCounterFinding(c.Key, c.Value)));
        return evidence;
    }
}
