using System.Net;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Sources;
using PortDoctor.Platform.Probe;

namespace PortDoctor.Platform;

/// <summary>
/// The one way to observe the machine we run on: the socket snapshot, the OS's own evidence (events,
/// kernel log, counters) read alongside, and the outbound test, merged into one observation.
/// </summary>
public sealed class LiveSource(IHostPlatform host, LiveSourceOptions options) : ISnapshotSource
{
    public Observation Observe(CancellationToken cancellationToken)
    {
        if (options.Namespace is not { } ns)
        {
            return ObserveHere(inNamespace: false, cancellationToken);
        }

        var observation = ns.Run(() => ObserveHere(inNamespace: true, cancellationToken));
        return observation with { Snapshot = observation.Snapshot with { Namespace = ns.Info } };
    }

    private Observation ObserveHere(bool inNamespace, CancellationToken cancellationToken)
    {
        // The kernel's evidence does not depend on the sockets: read it while collecting; in a namespace
        // on this thread, the only one that entered it (its counters are the namespace's).
        var kernel = !options.KernelEvidence
            ? Task.FromResult(KernelEvidence.None)
            : inNamespace
                ? Task.FromResult(host.ReadKernelEvidence(options.EventsSince, cancellationToken))
                : Task.Run(() => host.ReadKernelEvidence(options.EventsSince, cancellationToken), cancellationToken);
        var snapshot = host.Collector.Collect(options.Collect, cancellationToken);
        ComputedUsage? usage = null;
        if (options.Probe)
        {
            usage = new ComputedUsage(snapshot, options.Accounting(snapshot));
            snapshot = snapshot with { Probes = [.. snapshot.Probes, .. host.Probe(Targets(usage.Usage, snapshot.Time), cancellationToken)] };
        }

        var evidence = kernel.GetAwaiter().GetResult();
        snapshot = snapshot with
        {
            Events = [.. snapshot.Events, .. evidence.Events],
            Notes = evidence.Note is null ? snapshot.Notes : [.. snapshot.Notes, evidence.Note],
            Sources = evidence.Source is null ? snapshot.Sources : [.. snapshot.Sources, evidence.Source],
        };
        return new Observation(snapshot, new DiagnosisContext { KernelCounters = evidence.Counters, Usage = usage });
    }

    /// <summary>
    /// The user's targets, plus the busiest destination when it is on this machine (loopback), the
    /// pool is at least <see cref="LiveSourceOptions.BusiestLoopbackFromPercent"/> full and the cadence
    /// (<see cref="LiveSourceOptions.BusiestLoopbackCadence"/>) says it is due: on Linux ports are budgeted
    /// per destination, so a loopback listener of our own can still succeed while that destination has
    /// none left. No other address is contacted unless the user names it.
    /// </summary>
    private List<ProbeTarget> Targets(IReadOnlyList<EphemeralUsage> usage, DateTimeOffset now)
    {
        var targets = options.Targets.ToList();
        var headline = EphemeralAccounting.Headline(usage);
        var worst = headline?.UtilizationPercent >= options.BusiestLoopbackFromPercent ? headline.WorstDestinations.FirstOrDefault()?.Remote : null;
        if (worst is { } remote && IsLoopback(remote.Address) && !targets.Exists(t => t.Host == remote.Address && t.Port == remote.Port) &&
            options.BusiestLoopbackCadence?.Due(now, headline!.UtilizationPercent) != false)
        {
            targets.Add(new ProbeTarget(remote.Address, remote.Port));
        }

        return targets;
    }

    private static bool IsLoopback(string address) => IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip);
}
