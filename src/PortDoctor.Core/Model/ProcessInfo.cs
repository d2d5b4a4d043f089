namespace PortDoctor.Core.Model;

/// <summary>A process that owns sockets. Counts are null when the source cannot tell.</summary>
public sealed record ProcessInfo(int Pid, string Name)
{
    public string? CommandLine { get; init; }

    /// <summary>Open handles (Windows) or entries in /proc/[pid]/fd (Linux).</summary>
    public int? HandleCount { get; init; }

    /// <summary>Socket handles/fds the process holds.</summary>
    public int? SocketCount { get; init; }

    /// <summary>
    /// Linux: socket fds whose inode appears in no TCP/UDP table: bound-only or unconnected sockets
    /// on kernels whose sock_diag does not report them, or sockets of other kinds (unix, netlink).
    /// </summary>
    public int? UnlistedSocketCount { get; init; }

    public int? Uid { get; init; }

    /// <summary>
    /// Linux: listed sockets this process holds that another owns (the lowest PID holding a socket owns
    /// it): owner PID to sockets. A child that inherited its parent's sockets over fork holds them too,
    /// and they stay open until every holder closes them. Empty when it shares none.
    /// </summary>
    public IReadOnlyDictionary<int, int> HoldsSocketsOf { get; init; } = new Dictionary<int, int>();

    /// <summary>Windows services hosted in this process (svchost).</summary>
    public IReadOnlyList<string> Services { get; init; } = [];
}
