using PortDoctor.Core.Model;

namespace PortDoctor.Core.Trends;

/// <summary>
/// One process in a sample. PIDs are reused, so a process is (<see cref="Pid"/>,
/// <see cref="StartTime"/>); the start time is null when it could not be read.
/// </summary>
public sealed record ProcessSample(int Pid, DateTimeOffset? StartTime, string Name, int Ports)
{
    /// <summary>Its sockets per state.</summary>
    public IReadOnlyDictionary<SocketState, int> ByState { get; init; } = new Dictionary<SocketState, int>();

    /// <summary>Open handles (Windows) or file descriptors (Linux), when known.</summary>
    public int? Handles { get; init; }

    /// <summary>Socket file descriptors (Linux), when known.</summary>
    public int? SocketFds { get; init; }
}
