using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

public static partial class ProcessConsumers
{
    /// <summary>
    /// The consumers with <see cref="ProcessConsumer.SocketsOnSharedPorts"/> counted, re-ranked: a
    /// process with 420 connections over IPv4 and IPv6 (or toward two destinations) on 246 local ports
    /// holds 246 ports of the pool, not 420. Ports count per pool (protocol, and family where the pools
    /// are per family, as on Windows). One pass over the snapshot; for diagnose, not the monitor's samples.
    /// </summary>
    public static IReadOnlyList<ProcessConsumer> WithSharedPorts(
        Snapshot snapshot, IReadOnlyList<EphemeralUsage> usage, IReadOnlyList<ProcessConsumer> consumers)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var ranges = Ranges(usage);
        var listenerPorts = ListenerPorts(snapshot);
        var ports = new Dictionary<int, HashSet<int>>();
        var shared = new Dictionary<int, int>();
        foreach (var socket in snapshot.Sockets)
        {
            if (Owned(socket) is not { } pid || !IsEphemeral(socket, ranges, listenerPorts))
            {
                continue;
            }

            // The pool's key: protocol, and the family only where the pools are per family.
            var family = ranges.ContainsKey((socket.Protocol, null)) ? 0 : socket.Family == IpFamily.IPv6 ? 1 : 2;
            var key = (((int)socket.Protocol * 4) + family) << 16 | socket.Local.Port;
            if (!(ports.TryGetValue(pid, out var held) ? held : ports[pid] = []).Add(key))
            {
                shared[pid] = shared.GetValueOrDefault(pid) + 1;
            }
        }

        if (shared.Count == 0)
        {
            return consumers;
        }

        return Ranked(consumers.Select(c => shared.TryGetValue(c.Pid, out var n) ? c with { SocketsOnSharedPorts = n } : c));
    }
}
