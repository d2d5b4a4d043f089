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
    /// The listing a <see cref="Analysis.SocketTurnover"/> last saw this object in (0: none did), so
    /// that it can tell most sockets new to its previous listing without a lookup. Bookkeeping, not part
    /// of the socket's value; a copy made with <c>with</c> carries its original's.
    /// </summary>
    internal TurnoverMark Listed;
}

/// <summary>
/// A mark that takes no part in a record's equality or hash (every two are equal). A number, not an
/// object: writing a reference into every long-lived socket each sample made the GC scan all of them
/// at every young collection (each write marked the socket's card).
/// </summary>
internal struct TurnoverMark : IEquatable<TurnoverMark>
{
    /// <summary>The turnover in the high 32 bits, its listing in the low 32; 0: none.</summary>
    public long Listing;

    public readonly bool Equals(TurnoverMark other) => true;

    public override readonly bool Equals(object? obj) => obj is TurnoverMark;

    public override readonly int GetHashCode() => 0;
}
