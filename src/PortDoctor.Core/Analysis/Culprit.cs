using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>A process found running the machine out of ports, its leak pattern, and the counts behind it.</summary>
public sealed record Culprit(int Pid, string? Process, LeakPattern Pattern)
{
    /// <summary>Ephemeral ports it holds (attributed TIME_WAIT included).</summary>
    public int Ports { get; init; }

    /// <summary>Share of the headline pool's capacity, in percent.</summary>
    public double SharePercent { get; init; }

    /// <summary>Counts per pattern signature: bound, established, close-wait, time-wait, syn-sent, closing, udp-bound.</summary>
    public IReadOnlyDictionary<LeakPattern, int> Counts { get; init; } = new Dictionary<LeakPattern, int>();

    public int? HandleCount { get; init; }

    public int? SocketCount { get; init; }

    public HandleLevel HandleLevel { get; init; }

    /// <summary>How sure the TIME_WAIT part is (none when the process has no attributed TIME_WAIT).</summary>
    public AttributionConfidence TimeWaitConfidence { get; init; }

    public Endpoint? TopDestination { get; init; }

    public int TopDestinationSockets { get; init; }

    /// <summary>
    /// Ports per hour the pool grows by, when the process is named because the forecast finds it
    /// leaking and the pool full within <see cref="Diagnostician.ForecastHorizon"/>, whatever its share now.
    /// </summary>
    public double? GrowthPerHour { get; init; }

    /// <summary>
    /// Other processes holding some of its sockets (Linux: children that inherited them over fork, or
    /// processes they were passed to): a port is freed only when every holder closes it. Most first.
    /// </summary>
    public IReadOnlyList<SocketSharer> SharedWith { get; init; } = [];

    /// <summary>
    /// A program rather than one process: every process of that name, most ports first (<see cref="Pid"/>
    /// is the first), when none holds <see cref="LeakPatterns.CulpritSharePercent"/> alone but together
    /// they do (workers, or a process started per request). Empty for a single process.
    /// </summary>
    public IReadOnlyList<int> MemberPids { get; init; } = [];
}

/// <summary>A process holding <see cref="Sockets"/> of a culprit's sockets too.</summary>
public sealed record SocketSharer(int Pid, string? Process, int Sockets);
