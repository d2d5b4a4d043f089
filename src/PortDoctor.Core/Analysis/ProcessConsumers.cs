using System.Runtime.InteropServices;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>Groups sockets by owning process (the guide's `Group-Object State,OwningProcess`), with handle counts.</summary>
public static partial class ProcessConsumers
{
    /// <summary>How many destinations each consumer keeps (the live view shows them under the process).</summary>
    public const int TopDestinations = 3;

    public static IReadOnlyList<ProcessConsumer> Compute(
        Snapshot snapshot, IReadOnlyList<EphemeralUsage> usage, IReadOnlyList<TimeWaitAttribution> timeWait)
    {
        var ranges = Ranges(usage);
        var listenerPorts = ListenerPorts(snapshot);

        // One tally per PID, found once per socket (the last PID's kept: a process's sockets come in runs).
        var tallies = new Dictionary<int, Tally>();
        Tally? last = null;
        Tally For(int pid)
        {
            if (last?.Pid != pid)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(tallies, pid, out _);
                last = slot ??= new Tally(pid);
            }

            return last!;
        }

        foreach (var socket in snapshot.Sockets)
        {
            if (Owned(socket) is { } pid)
            {
                var tally = For(pid);
                tally.Name ??= socket.ProcessName;
                tally.Add(socket, IsEphemeral(socket, ranges, listenerPorts), 1);
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

            var tally = For(pid);
            tally.Name ??= counted.ProcessName;
            Count(tally.All, counted.State, counted.Count);
            if (!HoldsLocalPort(counted.State))
            {
                continue;
            }

            if (counted.Protocol == TransportProtocol.Udp)
            {
                tally.Udp += counted.Count;
            }
            else
            {
                Count(tally.Ephemeral ??= [], counted.State, counted.Count);
            }
        }

        return Assemble(snapshot, tallies, timeWait, copy: false);
    }

    /// <summary>The consumers from the tallies, the TIME_WAIT attributed and the snapshot's process list, most ports first.</summary>
    /// <param name="copy">Copy the tallies' counts (tallies kept for the next sample), rather than hand them out.</param>
    internal static List<ProcessConsumer> Assemble(Snapshot snapshot, Dictionary<int, Tally> tallies, IReadOnlyList<TimeWaitAttribution> timeWait, bool copy)
    {
        var owned = timeWait.Where(a => a.Pid is not null && a.Confidence != AttributionConfidence.None).ToList();
        var attributed = owned
            .GroupBy(a => a.Pid!.Value)
            .ToDictionary(g => g.Key, g => (Count: g.Where(a => !a.Closing).Sum(a => a.EphemeralCount), Confidence: g.Max(a => a.Confidence)));
        var closing = owned.Where(a => a.Closing).GroupBy(a => a.Pid!.Value).ToDictionary(g => g.Key, g => g.Sum(a => a.EphemeralCount));

        var pids = tallies.Keys.Union(attributed.Keys).Union(snapshot.Processes.Keys);
        var result = new List<ProcessConsumer>();
        foreach (var pid in pids)
        {
            snapshot.Processes.TryGetValue(pid, out var info);
            var tally = tallies.GetValueOrDefault(pid);
            var name = info?.Name ?? tally?.Name;
            var top = tally?.Destinations is { } perRemote ? Top(perRemote) : [];
            attributed.TryGetValue(pid, out var tw);
            result.Add(new ProcessConsumer(pid, name)
            {
                SocketsByState = tally is null ? [] : copy ? new Dictionary<SocketState, int>(tally.All) : tally.All,
                EphemeralByState = tally?.Ephemeral is not { } ephemeral ? [] : copy ? new Dictionary<SocketState, int>(ephemeral) : ephemeral,
                AttributedTimeWait = tw.Count,
                AttributedClosing = closing.GetValueOrDefault(pid),
                EphemeralUdp = tally?.Udp ?? 0,
                TimeWaitConfidence = tw.Count + closing.GetValueOrDefault(pid) > 0 ? tw.Confidence : AttributionConfidence.None,
                HandleCount = info?.HandleCount,
                SocketCount = info?.SocketCount,
                UnlistedSocketCount = info?.UnlistedSocketCount,
                BoundOnlyListed = snapshot.ListsBoundOnlySockets,
                HandleLevel = HandleThresholds.Classify(name, info?.HandleCount),
                TopDestinations = top,
            });
        }

        return Ranked(result);
    }

    /// <summary>Most ports first, then most handles, then by PID.</summary>
    private static List<ProcessConsumer> Ranked(IEnumerable<ProcessConsumer> consumers) =>
        consumers
            .OrderByDescending(c => c.EphemeralPorts)
            .ThenByDescending(c => c.HandleCount ?? 0)
            .ThenBy(c => c.Pid)
            .ToList();

    /// <summary>Sockets no source named an owner for (TIME_WAIT and orphaned closing ones aside) that hold an ephemeral port.</summary>
    public static int EphemeralWithoutOwner(Snapshot snapshot, IReadOnlyList<EphemeralUsage> usage)
    {
        var ranges = Ranges(usage);
        var listenerPorts = ListenerPorts(snapshot);
        return snapshot.Sockets.Count(s => TimeWaitOwners.Owner(s) is null && !TimeWaitOwners.IsOrphaned(s) && IsEphemeral(s, ranges, listenerPorts));
    }

    /// <summary>The owner the socket counts toward; null for sockets without one and orphans (attributed apart).</summary>
    internal static int? Owned(SocketEntry socket) =>
        TimeWaitOwners.Owner(socket) is { } pid && !TimeWaitOwners.IsOrphaned(socket) ? pid : null;

    internal static PoolRanges Ranges(IReadOnlyList<EphemeralUsage> usage) => new(usage);

    internal static bool IsEphemeral(SocketEntry socket, PoolRanges ranges, PortMask listenerPorts)
    {
        if (socket.State == SocketState.Listen || socket.Local.Port == 0 || !ranges.TryGet(socket.Protocol, socket.Family, out var range))
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

    private static void Count(Dictionary<SocketState, int> counts, SocketState state, int sockets = 1)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, state, out _);
        count += sockets;
    }

    /// <summary>The local ports of the listening sockets, a bit each.</summary>
    internal static PortMask ListenerPorts(Snapshot snapshot)
    {
        var ports = new PortMask();
        foreach (var socket in snapshot.Sockets)
        {
            if (socket.State == SocketState.Listen)
            {
                ports.Add(socket.Local.Port);
            }
        }

        return ports;
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
