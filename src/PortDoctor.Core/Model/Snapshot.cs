namespace PortDoctor.Core.Model;

/// <summary>
/// Everything known about one machine at one time. Every source (live Linux, live Windows,
/// files) produces this; analysis never knows where it came from. Immutable.
/// </summary>
public sealed record Snapshot
{
    public required DateTimeOffset Time { get; init; }

    public string Host { get; init; } = "";

    public OsKind Os { get; init; }

    /// <summary>The network namespace the sockets and sysctls were read in, when one was asked for (`--netns`); null: the caller's own.</summary>
    public NetworkNamespaceInfo? Namespace { get; init; }

    public IReadOnlyList<SocketEntry> Sockets { get; init; } = [];

    /// <summary>Sockets the source gave only as counts (no addresses or ports): not in <see cref="Sockets"/>.</summary>
    public IReadOnlyList<SocketCount> CountedSockets { get; init; } = [];

    public IReadOnlyDictionary<int, ProcessInfo> Processes { get; init; } = new Dictionary<int, ProcessInfo>();

    public PortConfiguration? Ports { get; init; }

    /// <summary>Confirmation events (Tcpip 4227/4231, kernel log lines) in the window asked for.</summary>
    public IReadOnlyList<PortEvent> Events { get; init; } = [];

    /// <summary>Outbound tests run while the snapshot was taken (live only).</summary>
    public IReadOnlyList<ProbeResult> Probes { get; init; } = [];

    /// <summary>What the source could not tell, as typed notes (the CLI says them in words).</summary>
    public IReadOnlyList<Note> Notes { get; init; } = [];

    /// <summary>
    /// What a missing privilege kept out of the snapshot, as one line naming the affected items
    /// (e.g. sockets left without owner because other users' fds are unreadable); null when none.
    /// Verbs still print what they have, then report this and exit with NoPermission.
    /// </summary>
    public string? PermissionProblem { get; init; }

    /// <summary>Of the sockets, how many a missing privilege left without owner (0 when none or unknown).</summary>
    public int UnreadableOwners { get; init; }

    /// <summary>
    /// Linux: the socket list includes TCP sockets bound but never connected (sock_diag on 6.10 and
    /// later). Then a process's socket fds in no table (<see cref="ProcessInfo.UnlistedSocketCount"/>)
    /// are not bound-only sockets: they are sockets of other kinds, or TCP sockets already closed by
    /// the kernel (reset) that the process never closed, and hold no port.
    /// </summary>
    public bool ListsBoundOnlySockets { get; init; }

    /// <summary>The sources the snapshot was built from, with what each contributed.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
