using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>Groups sockets by owning process (the guide's `Group-Object State,OwningProcess`), with handle counts.</summary>
public static class ProcessConsumers
{
    /// <summary>How many destinations each consumer keeps (the live view shows them under the process).</summary>
    public const int TopDestinations = 3;

    public static IReadOnlyList<ProcessConsumer> Compute(
        Snapshot snapshot, IReadOnlyList<EphemeralUsage> usage, IReadOnlyList<TimeWaitAttribution> timeWait)
    {
        var ranges = usage.ToDictionary(u => (u.Protocol, u.Family), u => u.Range);
        var listenerPorts = snapshot.Sockets
            .Where(s => s.State == SocketState.Listen)
            .Select(s => s.Local.Port)
            .ToHashSet();

        var all = new Dictionary<int, Dictionary<SocketState, int>>();
        var ephemeral = new Dictionary<int, Dictionary<SocketState, int>>();
        var destinations = new Dictionary<int, Dictionary<Endpoint, int>>();
        var udp = new Dictionary<int, int>();
        var names = new Dictionary<int, string>();
        foreach (var socket in snapshot.Sockets)
        {
            if (TimeWaitOwners.Owner(socket) is not { } pid || TimeWaitOwners.IsOrphaned(socket))
            {
                continue;
            }

            if (socket.ProcessName is { } name)
            {
                names.TryAdd(pid, name);
            }

            Count(all, pid, socket.State);
            if (!IsEphemeral(socket, ranges, listenerPorts))
            {
                continue;
            }

            if (socket.Protocol == TransportProtocol.Udp)
            {
                udp[pid] = udp.GetValueOrDefault(pid) + 1;
                continue;
            }

            Count(ephemeral, pid, socket.State);
            if (!socket.Remote.IsUnspecified)
            {
                if (!destinations.TryGetValue(pid, out var perRemote))
                {
                    perRemote = [];
                    destinations[pid] = perRemote;
                }

                perRemote[socket.Remote] = perRemote.GetValueOrDefault(socket.Remote) + 1;
            }
        }

        // A count per (state, PID) (Group-Object State,OwningProcess) has no port: every one in a state
        // that holds a local port may hold an ephemeral one, so it counts toward the PID as an upper bound.
        foreach (var counted in snapshot.CountedSockets)
        {
            if (counted.Pid is not (> 0 and var pid) || counted.State == SocketState.TimeWait)
            {
                continue;
            }

            if (counted.ProcessName is { } name)
            {
                names.TryAdd(pid, name);
            }

            Count(all, pid, counted.State, counted.Count);
            if (!HoldsLocalPort(counted.State))
            {
                continue;
            }

            if (counted.Protocol == TransportProtocol.Udp)
            {
                udp[pid] = udp.GetValueOrDefault(pid) + counted.Count;
            }
            else
            {
                Count(ephemeral, pid, counted.State, counted.Count);
            }
        }

        var owned = timeWait.Where(a => a.Pid is not null && a.Confidence != AttributionConfidence.None).ToList();
        var attributed = owned
            .GroupBy(a => a.Pid!.Value)
            .ToDictionary(g => g.Key, g => (Count: g.Where(a => !a.Closing).Sum(a => a.EphemeralCount), Confidence: g.Max(a => a.Confidence)));
        var closing = owned.Where(a => a.Closing).GroupBy(a => a.Pid!.Value).ToDictionary(g => g.Key, g => g.Sum(a => a.EphemeralCount));

        var pids = all.Keys.Union(attributed.Keys).Union(snapshot.Processes.Keys);
        var result = new List<ProcessConsumer>();
        foreach (var pid in pids)
        {
            snapshot.Processes.TryGetValue(pid, out var info);
            var name = info?.Name ?? names.GetValueOrDefault(pid);
            var top = destinations.TryGetValue(pid, out var perRemote) ? Top(perRemote) : [];
            attributed.TryGetValue(pid, out var tw);
            result.Add(new ProcessConsumer(pid, name)
            {
                SocketsByState = all.GetValueOrDefault(pid) ?? [],
                EphemeralByState = ephemeral.GetValueOrDefault(pid) ?? [],
                AttributedTimeWait = tw.Count,
                AttributedClosing = closing.GetValueOrDefault(pid),
                EphemeralUdp = udp.GetValueOrDefault(pid),
                TimeWaitConfidence = tw.Count + closing.GetValueOrDefault(pid) > 0 ? tw.Confidence : AttributionConfidence.None,
                HandleCount = info?.HandleCount,
                SocketCount = info?.SocketCount,
                UnlistedSocketCount = info?.UnlistedSocketCount,
                HandleLevel = HandleThresholds.Classify(name, info?.HandleCount),
                TopDestinations = top,
            });
        }

        return result
            .OrderByDescending(c => c.EphemeralPorts)
            .ThenByDescending(c => c.HandleCount ?? 0)
            .ThenBy(c => c.Pid)
            .ToList();
    }

    /// <summary>Sockets no source named an owner for (TIME_WAIT and orphaned closing ones aside) that hold an ephemeral port.</summary>
    public static int EphemeralWithoutOwner(Snapshot snapshot, IReadOnlyList<EphemeralUsage> usage)
    {
        var ranges = usage.ToDictionary(u => (u.Protocol, u.Family), u => u.Range);
        var listenerPorts = snapshot.Sockets.Where(s => s.State == SocketState.Listen).Select(s => s.Local.Port).ToHashSet();
        return snapshot.Sockets.Count(s => TimeWaitOwners.Owner(s) is null && !TimeWaitOwners.IsOrphaned(s) && IsEphemeral(s, ranges, listenerPorts));
    }

    private static bool IsEphemeral(
        SocketEntry socket, Dictionary<(TransportProtocol, IpFamily?), PortRange> ranges, HashSet<int> listenerPorts)
    {
        if (socket.State == SocketState.Listen || socket.Local.Port == 0)
        {
            return false;
        }

        if (!ranges.TryGetValue((socket.Protocol, null), out var range) &&
            !ranges.TryGetValue((socket.Protocol, socket.Family), out range))
        {
            return false;
        }

        // Accepted connections share their listener's port: inbound, not an ephemeral port.
        return range.Contains(socket.Local.Port) &&
            (socket.Remote.IsUnspecified || !listenerPorts.Contains(socket.Local.Port));
    }

    /// <summary>States in which a counted socket may hold an ephemeral port (not listeners, not half-open inbound).</summary>
    internal static bool HoldsLocalPort(SocketState state) =>
        state is not (SocketState.Listen or SocketState.SynReceived or SocketState.Unknown or SocketState.Closed);

    private static void Count(Dictionary<int, Dictionary<SocketState, int>> map, int pid, SocketState state, int sockets = 1)
    {
        if (!map.TryGetValue(pid, out var counts))
        {
            counts = [];
            map[pid] = counts;
        }

        counts[state] = counts.GetValueOrDefault(state) + sockets;
    }

    /// <summary>The <see cref="TopDestinations"/> remotes with the most sockets, ties by address then port.</summary>
    private static List<DestinationShare> Top(Dictionary<Endpoint, int> perRemote) =>
        perRemote
            .OrderByDescending(r => r.Value)
            .ThenBy(r => r.Key.Address, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Port)
            .Take(TopDestinations)
            .Select(r => new DestinationShare(r.Key, r.Value))
            .ToList();
}
