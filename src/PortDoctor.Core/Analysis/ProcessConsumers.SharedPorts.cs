using System.Runtime.InteropServices;
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
        // Each (PID, pool, port) once: one set of numbers, not a set per process, made at its size at once.
        var seen = new HashSet<long>(snapshot.Sockets.Count);
        var shared = new Dictionary<int, int>();
        foreach (var socket in snapshot.Sockets)
        {
            if (Owned(socket) is not { } pid || !IsEphemeral(socket, ranges, listenerPorts))
            {
                continue;
            }

            // The pool's key: protocol, and the family only where the pools are per family.
            var family = ranges.OnePoolFor(socket.Protocol) ? 0 : socket.Family == IpFamily.IPv6 ? 1 : 2;
            var key = (((int)socket.Protocol * 4) + family) << 16 | socket.Local.Port;
            if (!seen.Add(((long)pid << 32) | (uint)key))
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(shared, pid, out _);
                count++;
            }
        }

        if (shared.Count == 0)
        {
            return consumers;
        }

        return Ranked(consumers.Select(c => shared.TryGetValue(c.Pid, out var n) ? c with { SocketsOnSharedPorts = n } : c));
    }
}
