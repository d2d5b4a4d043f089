namespace PortDoctor.Core.Model;

/// <summary>
/// Sockets a source gives only as a number per state (and owner): <c>uniq -c</c>, <c>find /c</c>,
/// <c>Group-Object State, OwningProcess</c>. They have no addresses or ports, so they are kept as
/// one count, never as one <see cref="SocketEntry"/> per socket (82 bytes of such text said 4 million).
/// </summary>
public sealed record SocketCount(TransportProtocol Protocol, SocketState State, int Count)
{
    /// <summary>Owning process id when the source grouped by it; null when it did not (or said PID 0).</summary>
    public int? Pid { get; init; }

    public string? ProcessName { get; init; }
}
