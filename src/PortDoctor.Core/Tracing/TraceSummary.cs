namespace PortDoctor.Core.Tracing;

/// <summary>
/// What a failure trace saw: per process, failed connects and binds for want of a port. The
/// destination is not in it: a syscall tracepoint holds only the sockaddr's user pointer, and the
/// kernel clears the socket's addresses when the connect fails.
/// </summary>
public sealed record TraceSummary
{
    /// <summary>Where the events came from, e.g. "tracefs".</summary>
    public required string Source { get; init; }

    public required DateTimeOffset Started { get; init; }

    public required DateTimeOffset Ended { get; init; }

    /// <summary>The processes asked for (--pid); empty means every process.</summary>
    public IReadOnlyList<int> PidFilter { get; init; } = [];

    /// <summary>The network namespace traced (--netns), by its label; null for every namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// With a namespace: failures of threads that were gone before their namespace could be read, so
    /// neither attributed nor ruled out.
    /// </summary>
    public long UnplacedFailures { get; init; }

    /// <summary>Processes with failures, the most failures first.</summary>
    public IReadOnlyList<ProcessFailures> Processes { get; init; } = [];

    /// <summary>Events the kernel's ring buffer dropped: the counts are then lower bounds.</summary>
    public long LostEvents { get; init; }

    /// <summary>Failing connects/binds with an errno that is not about ports (ECONNREFUSED, EINPROGRESS, ...).</summary>
    public long OtherFailures { get; init; }

    /// <summary>Port errnos on non-IP sockets (unix sockets), left out.</summary>
    public long NonIpFailures { get; init; }

    public long TotalFailures => Processes.Sum(p => p.Total);
}
