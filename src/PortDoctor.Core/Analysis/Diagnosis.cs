using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;

namespace PortDoctor.Core.Analysis;

/// <summary>Everything `diagnose` concluded about one snapshot; renderers print it, they compute nothing.</summary>
public sealed record Diagnosis(Verdict Verdict)
{
    public DateTimeOffset Time { get; init; }

    public string Host { get; init; } = "";

    public OsKind Os { get; init; }

    /// <summary>The network namespace judged (`--netns`); null: the caller's own.</summary>
    public NetworkNamespaceInfo? Namespace { get; init; }

    /// <summary>Why the verdict, strongest reason first.</summary>
    public IReadOnlyList<Finding> Reasons { get; init; } = [];

    public EphemeralUsage? Headline { get; init; }

    public IReadOnlyList<EphemeralUsage> Usage { get; init; } = [];

    public IReadOnlyList<Culprit> Culprits { get; init; } = [];

    /// <summary>The top consumers by ephemeral ports, culprits or not.</summary>
    public IReadOnlyList<ProcessConsumer> Consumers { get; init; } = [];

    /// <summary>Socket growth per process across the samples of a time series, largest first.</summary>
    public IReadOnlyList<ProcessGrowth> Growth { get; init; } = [];

    public IReadOnlyList<TimeWaitAttribution> TimeWait { get; init; } = [];

    public IReadOnlyList<ProbeResult> Probes { get; init; } = [];

    public IReadOnlyList<PortEvent> Events { get; init; } = [];

    /// <summary>Kernel counters that speak to exhaustion (Linux /proc/net/netstat), non-zero ones only.</summary>
    public IReadOnlyDictionary<string, long> KernelCounters { get; init; } = new Dictionary<string, long>();

    /// <summary>Observations that back the verdict or deserve a look (handle counts, kernel counters, TIME_WAIT).</summary>
    public IReadOnlyList<Finding> Evidence { get; init; } = [];

    /// <summary>
    /// The verdict's exit code, or <see cref="Core.ExitCode.NoPermission"/> when sockets whose owners
    /// could not be read are enough to be the culprit (the answer is incomplete without root).
    /// </summary>
    public int ExitCode => Reasons.OfType<OwnersUnreadableFinding>().Any(f => f.CouldHoldCulprit)
        ? (int)Core.ExitCode.NoPermission
        : (int)Verdict;

    public IReadOnlyList<RemediationStep> Remediation { get; init; } = [];

    /// <summary>What could not be known (from the snapshot and from analysis).</summary>
    public IReadOnlyList<Note> Notes { get; init; } = [];
}
