using PortDoctor.Core.Model;

namespace PortDoctor.Core.Connections;

/// <summary>
/// The filters of `portdoctor connections`; every one that is set must match (AND), and a list
/// matches when any of its items does (OR). Empty filter keeps everything.
/// </summary>
public sealed record ConnectionFilter
{
    public IReadOnlySet<SocketState> States { get; init; } = new HashSet<SocketState>();

    public IReadOnlySet<int> Pids { get; init; } = new HashSet<int>();

    /// <summary>Process names, case-insensitive; "chrome" also matches "chrome.exe".</summary>
    public IReadOnlyList<string> ProcessNames { get; init; } = [];

    /// <summary>Matches the local or the remote port.</summary>
    public IReadOnlyList<PortRange> Ports { get; init; } = [];

    public IReadOnlyList<EndpointPattern> Local { get; init; } = [];

    public IReadOnlyList<EndpointPattern> Remote { get; init; } = [];

    public TransportProtocol? Protocol { get; init; }

    /// <summary>Keep sockets whose local port is inside the dynamic range of their protocol and family.</summary>
    public bool EphemeralOnly { get; init; }

    public IEnumerable<SocketEntry> Apply(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Sockets.Where(s => Matches(s, snapshot.Ports));
    }

    /// <summary>
    /// The counted sockets that match: by protocol, state, PID and process only; a filter on ports
    /// or endpoints matches none, since counts have none.
    /// </summary>
    public IEnumerable<SocketCount> ApplyCounts(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (Ports.Count > 0 || Local.Count > 0 || Remote.Count > 0 || EphemeralOnly)
        {
            return [];
        }

        return snapshot.CountedSockets.Where(c => (Protocol is null || c.Protocol == Protocol)
            && (States.Count == 0 || States.Contains(c.State))
            && (Pids.Count == 0 || (c.Pid is { } pid && Pids.Contains(pid)))
            && (ProcessNames.Count == 0 || ProcessNames.Any(n => NameMatches(n, c.ProcessName))));
    }

    public bool Matches(SocketEntry socket, PortConfiguration? ports)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return (Protocol is null || socket.Protocol == Protocol)
            && (States.Count == 0 || States.Contains(socket.State))
            && (Pids.Count == 0 || (socket.Pid is { } pid && Pids.Contains(pid)))
            && (ProcessNames.Count == 0 || ProcessNames.Any(n => NameMatches(n, socket.ProcessName)))
            && (Ports.Count == 0 || Ports.Any(r => r.Contains(socket.Local.Port) || r.Contains(socket.Remote.Port)))
            && (Local.Count == 0 || Local.Any(p => p.Matches(socket.Local)))
            && (Remote.Count == 0 || Remote.Any(p => p.Matches(socket.Remote)))
            && (!EphemeralOnly || IsEphemeral(socket, ports));
    }

    public static bool IsEphemeral(SocketEntry socket, PortConfiguration? ports)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var range = ports?.Find(socket.Protocol, socket.Family)?.Range;
        return range is { } r && r.Contains(socket.Local.Port);
    }

    private static bool NameMatches(string wanted, string? actual) =>
        actual is not null
        && (string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase)
            || string.Equals(wanted + ".exe", actual, StringComparison.OrdinalIgnoreCase));
}
