namespace PortDoctor.Core.Model;

/// <summary>One socket as any source reports it. Unknown owners stay null: never guessed here.</summary>
public sealed record SocketEntry(
    TransportProtocol Protocol,
    IpFamily Family,
    SocketState State,
    Endpoint Local,
    Endpoint Remote)
{
    /// <summary>Owning process id; null when the source does not say (TIME_WAIT, no privilege, no PID column).</summary>
    public int? Pid { get; init; }

    /// <summary>Process name (Linux comm, Windows image name) when known.</summary>
    public string? ProcessName { get; init; }

    /// <summary>Linux socket inode (0 for TIME_WAIT and other orphaned sockets).</summary>
    public long? Inode { get; init; }

    /// <summary>Linux owning uid.</summary>
    public int? Uid { get; init; }
}
