using PortDoctor.Core.Analysis;
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

    /// <summary>
    /// The remotes it has the most ephemeral TCP sockets toward, most first: what the live view shows
    /// under the process. Kept in memory only; the history does not store them (empty when read back).
    /// </summary>
    public IReadOnlyList<DestinationShare> Destinations { get; init; } = [];
}
