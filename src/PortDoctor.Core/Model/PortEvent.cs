namespace PortDoctor.Core.Model;

/// <summary>
/// An OS event that confirms exhaustion: Windows Tcpip 4227 (TIME_WAIT reuse failed) and 4231
/// (ephemeral port allocation failed), or a Linux kernel log line. Count > 1 when a source
/// aggregates repeats.
/// </summary>
public sealed record PortEvent(DateTimeOffset Time, string Source, int EventId, string Message)
{
    public int Count { get; init; } = 1;

    /// <summary>Protocol the event names, when it names one.</summary>
    public TransportProtocol? Protocol { get; init; }
}
