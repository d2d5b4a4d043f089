using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// Infers who owned TIME_WAIT sockets (the kernel keeps no owner: PID 0 on Windows, inode 0 on
/// Linux). Best: the same 4-tuple owned by a process in an earlier snapshot (high). Then: the one
/// live process holding connections to the same remote endpoint (medium), the busiest of several
/// (low), or one talking to the same remote address on another port (low). A TIME_WAIT on a
/// listener's port belongs to the server that closed first (medium).
/// </summary>
public static class TimeWaitOwners
{
    /// <summary>Marks an earlier snapshot rebuilt from the monitor's stored 4-tuples (in <see cref="Snapshot.Sources"/>): its attributions say "from history".</summary>
    public const string MonitorHistorySource = "monitor history";

    /// <param name="ephemeral">The TCP ephemeral range, to tell client-side sockets from server-side ones.</param>
    /// <param name="remembered">
    /// The owner an earlier look saw holding a 4-tuple (local, remote), asked after <paramref name="previous"/>:
    /// what the monitor keeps between samples, looked up where it is rather than copied into a snapshot each time.
    /// </param>
    public static IReadOnlyList<TimeWaitAttribution> Infer(
        Snapshot snapshot, IReadOnlyList<Snapshot>? previous = null, PortRange? ephemeral = null, Func<Endpoint, Endpoint, int?>? remembered = null)
    {
        var history = new Dictionary<(Endpoint, Endpoint), (int Pid, bool Monitor)>();
        foreach (var earlier in (previous ?? []).OrderBy(s => s.Time))
        {
            var monitor = earlier.Sources.Contains(MonitorHistorySource, StringComparer.Ordinal);
            foreach (var socket in earlier.Sockets)
            {
                if (Owner(socket) is { } pid && socket.State != SocketState.TimeWait)
                {
                    history[(socket.Local, socket.Remote)] = (pid, monitor);
                }
            }
        }

        var byEndpoint = new Dictionary<Endpoint, Dictionary<int, int>>();
        var byAddress = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
        var listeners = new Dictionary<int, int>();
        foreach (var socket in snapshot.Sockets)
        {
            if (Owner(socket) is not { } pid || socket.Protocol != TransportProtocol.Tcp)
            {
                continue;
            }

            if (socket.State == SocketState.Listen)
            {
                if (socket.Local.Port != 0)
                {
                    listeners.TryAdd(socket.Local.Port, pid);
                }

                continue;
            }

            if (IsOrphaned(socket) || socket.Remote.IsUnspecified)
            {
                continue;
            }

            Increment(byEndpoint, socket.Remote, pid);
            Increment(byAddress, socket.Remote.Address, pid);
        }

        var groups = new Dictionary<(int? Pid, Endpoint Remote, AttributionConfidence Confidence, string Basis, bool Closing), (int All, int Ephemeral)>();
        foreach (var socket in snapshot.Sockets)
        {
            if (!IsOrphaned(socket) || socket.Protocol != TransportProtocol.Tcp)
            {
                continue;
            }

            var (owner, remote, confidence, basis) = Attribute(socket, history, remembered, byEndpoint, byAddress, listeners);
            var key = (owner, remote, confidence, basis, socket.State != SocketState.TimeWait);
            var (all, inRange) = groups.GetValueOrDefault(key);
            var isEphemeral = ephemeral is not { } range || range.Contains(socket.Local.Port);
            groups[key] = (all + 1, inRange + (isEphemeral ? 1 : 0));
        }

        // Counted TIME_WAIT (and ownerless closing) sockets have no endpoints: owned only when the source said so.
        foreach (var counted in snapshot.CountedSockets)
        {
            var owner = counted.Pid is 0 ? null : counted.Pid;
            if (counted.Protocol != TransportProtocol.Tcp || !(counted.State == SocketState.TimeWait ||
                (owner is null && counted.State is SocketState.FinWait1 or SocketState.FinWait2 or SocketState.Closing or SocketState.LastAck)))
            {
                continue;
            }

            var closing = counted.State != SocketState.TimeWait;
            var key = owner is { } own
                ? (own, Endpoint.Counted, AttributionConfidence.High, "the source named the owner", closing)
                : ((int?)null, Endpoint.Counted, AttributionConfidence.None, "counts without addresses: nothing to attribute them by", closing);
            var (all, inRange) = groups.GetValueOrDefault(key);
            groups[key] = (all + counted.Count, inRange + (ephemeral is null ? counted.Count : 0));
        }

        // Names from the sockets (netstat -b), looked up once: a scan per group cost 15,000 sockets x 400 groups on a log.
        var socketNames = new Dictionary<int, string>();
        foreach (var socket in snapshot.Sockets)
        {
            if (socket is { Pid: { } owner, ProcessName: { } name })
            {
                socketNames.TryAdd(owner, name);
            }
        }

        foreach (var counted in snapshot.CountedSockets)
        {
            if (counted is { Pid: { } owner, ProcessName: { } name })
            {
                socketNames.TryAdd(owner, name);
            }
        }

        return groups
            .Select(g => new TimeWaitAttribution(
                g.Key.Pid,
                g.Key.Pid is { } pid ? (snapshot.Processes.TryGetValue(pid, out var info) ? info.Name : socketNames.GetValueOrDefault(pid)) : null,
                g.Key.Remote,
                g.Value.All,
                g.Key.Confidence,
                g.Key.Basis)
            { EphemeralCount = g.Value.Ephemeral, Closing = g.Key.Closing })
            .OrderByDescending(a => a.Count)
            .ThenBy(a => a.Remote.ToString(), StringComparer.Ordinal)
            .ToList();
    }

    private static (int?, Endpoint, AttributionConfidence, string) Attribute(
        SocketEntry socket,
        Dictionary<(Endpoint, Endpoint), (int Pid, bool Monitor)> history,
        Func<Endpoint, Endpoint, int?>? remembered,
        Dictionary<Endpoint, Dictionary<int, int>> byEndpoint,
        Dictionary<string, Dictionary<int, int>> byAddress,
        Dictionary<int, int> listeners)
    {
        if (Owner(socket) is { } own)
        {
            // Windows sources sometimes keep the owner of a TIME_WAIT row; trust it.
            return (own, socket.Remote, AttributionConfidence.High, "the source named the owner");
        }

        if (history.TryGetValue((socket.Local, socket.Remote), out var earlier))
        {
            return (earlier.Pid, socket.Remote, AttributionConfidence.High, earlier.Monitor
                ? "from history: the monitor saw this 4-tuple ESTABLISHED under this process"
                : "same 4-tuple owned by this process in an earlier snapshot");
        }

        if (remembered?.Invoke(socket.Local, socket.Remote) is { } seen)
        {
            return (seen, socket.Remote, AttributionConfidence.High, "same 4-tuple owned by this process in an earlier snapshot");
        }

        if (listeners.TryGetValue(socket.Local.Port, out var server))
        {
            return (server, socket.Remote, AttributionConfidence.Medium, "TIME_WAIT on this process's listening port (the server closed first)");
        }

        if (byEndpoint.TryGetValue(socket.Remote, out var owners))
        {
            return owners.Count == 1
                ? (owners.Keys.First(), socket.Remote, AttributionConfidence.Medium, "the only live process connected to the same remote endpoint")
                : (Busiest(owners), socket.Remote, AttributionConfidence.Low, $"the busiest of {owners.Count} processes connected to the same remote endpoint");
        }

        if (byAddress.TryGetValue(socket.Remote.Address, out var sameHost))
        {
            return (Busiest(sameHost), socket.Remote, AttributionConfidence.Low, "a live process connected to the same remote address on another port");
        }

        return (null, socket.Remote, AttributionConfidence.None, "no live process talks to this remote endpoint");
    }

    /// <summary>TIME_WAIT, and closing sockets whose process already closed its descriptor (no owner left).</summary>
    public static bool IsOrphaned(SocketEntry socket) =>
        socket.State == SocketState.TimeWait ||
        (Owner(socket) is null && socket.State is SocketState.FinWait1 or SocketState.FinWait2 or SocketState.Closing or SocketState.LastAck);

    /// <summary>The owning PID; Windows lists ownerless rows (TIME_WAIT) under PID 0, the idle process, which owns nothing.</summary>
    public static int? Owner(SocketEntry socket) => socket.Pid is 0 ? null : socket.Pid;

    private static int Busiest(Dictionary<int, int> owners) =>
        owners.OrderByDescending(o => o.Value).ThenBy(o => o.Key).First().Key;

    private static void Increment<TKey>(Dictionary<TKey, Dictionary<int, int>> map, TKey key, int pid)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var counts))
        {
            counts = [];
            map[key] = counts;
        }

        counts[pid] = counts.GetValueOrDefault(pid) + 1;
    }
}
