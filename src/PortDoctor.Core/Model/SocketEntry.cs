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

    /// <summary>
    /// The listing a <see cref="Analysis.SocketTurnover"/> last saw this object in (null: none did), so
    /// that it can tell most sockets new to its previous listing without a lookup. Bookkeeping, not part
    /// of the socket's value; a copy made with <c>with</c> carries its original's.
    /// </summary>
    internal TurnoverMark Listed;
}

/// <summary>A mark that takes no part in a record's equality or hash (every two are equal).</summary>
internal struct TurnoverMark : IEquatable<TurnoverMark>
{
    public object? Listing;

    public readonly bool Equals(TurnoverMark other) => true;

    public override readonly bool Equals(object? obj) => obj is TurnoverMark;

    public override readonly int GetHashCode() => 0;
}
