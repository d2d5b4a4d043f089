using System.Runtime.InteropServices;
using PortDoctor.Core.Model;
using PortDoctor.Core.Ranges;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// Counts ephemeral ports the way each kernel allocates them (ARCHITECTURE.md "Definitions").
/// Windows: one pool per family, every TCP socket holding a local port in the range uses it up.
/// Linux: connect() without bind() may reuse a local port toward another destination, so a
/// connect fails only when every port is held exclusively (listeners, bound-only sockets) or
/// already used toward that same destination from that same local address.
/// </summary>
public static partial class EphemeralAccounting
{
    internal const int WorstDestinationCount = 5;

    // LinuxTcp's flags per port.
    private const byte Listener = 1;
    private const byte Held = 2;
    private const byte Exclusive = 4;
    private const byte Counted = 8;

    public static IReadOnlyList<EphemeralUsage> Compute(Snapshot snapshot)
    {
        var result = new List<EphemeralUsage>();
        foreach (var pool in Setups(snapshot))
        {
            var sockets = new PoolSockets(snapshot.Sockets, pool.Protocol, pool.Family);
            result.Add(pool.IsLinuxTcp ? LinuxTcp(pool, sockets) : GlobalPool(pool, sockets));
        }

        return result;
    }

    /// <summary>The usage already computed for this snapshot when <paramref name="known"/> fits it, otherwise computed now.</summary>
    public static IReadOnlyList<EphemeralUsage> Compute(Snapshot snapshot, ComputedUsage? known) =>
        known is not null && known.Fits(snapshot) ? known.Usage : Compute(snapshot);

    /// <summary>The usage nearest to exhaustion (highest utilization), or null when there is none.</summary>
    public static EphemeralUsage? Headline(IEnumerable<EphemeralUsage> usages) =>
        usages.OrderByDescending(u => u.UtilizationPercent).ThenByDescending(u => u.HeadlinePorts).FirstOrDefault();

    /// <summary>Each pool of the snapshot with what its accounting reads besides the sockets.</summary>
    internal static List<PoolSetup> Setups(Snapshot snapshot)
    {
        var linux = snapshot.Os != OsKind.Windows;
        var twReuse = snapshot.Ports?.Settings.GetValueOrDefault(LinuxSettings.TcpTwReuseKey) ?? "2";
        var setups = new List<PoolSetup>(4);
        foreach (var (protocol, family, range) in Pools(snapshot, linux))
        {
            var excluded = snapshot.Ports?.Excluded
                .Where(e => (e.Protocol is null || e.Protocol == protocol) && (e.Family is null || e.Family == family))
                .Select(e => e.Range) ?? [];
            var isLinuxTcp = protocol == TransportProtocol.Tcp && linux;
            setups.Add(new PoolSetup(protocol, family, range, Merge(excluded), isLinuxTcp, isLinuxTcp ? twReuse : ""));
        }

        return setups;
    }

    private static IEnumerable<(TransportProtocol Protocol, IpFamily? Family, PortRange Range)> Pools(Snapshot snapshot, bool linux)
    {
        var dynamic = snapshot.Ports?.Dynamic ?? [];
        foreach (var protocol in new[] { TransportProtocol.Tcp, TransportProtocol.Udp })
        {
            if (linux)
            {
                // One port space per protocol on Linux: ip_local_port_range serves IPv4 and IPv6.
                var range = dynamic.FirstOrDefault(d => d.Protocol == protocol)?.Range ?? LinuxSettings.DefaultRange;
                yield return (protocol, null, range);
                continue;
            }

            foreach (var family in new[] { IpFamily.IPv4, IpFamily.IPv6 })
            {
                var range = snapshot.Ports?.Find(protocol, family)?.Range ?? PortRangeRules.WindowsDefault;
                yield return (protocol, family, range);
            }
        }
    }

    /// <summary>
    /// The range's ports minus the exclusions, merged first (sorted by start, overlaps joined) so
    /// the cost is the exclusions' sort plus one pass over the ports, however many lines gave them.
    /// </summary>
    internal static PortMask InRangeMask(PoolSetup pool, out int capacity)
    {
        var range = pool.Range;
        var usable = new PortMask();
        int first = Math.Max(range.Start, 0), last = Math.Min(range.End, 65535);
        if (first <= last)
        {
            usable.Set(first, last, inSet: true);
        }

        capacity = Math.Max(0, last - first + 1);
        foreach (var (start, end) in pool.Excluded)
        {
            int from = Math.Max(start, first), to = Math.Min(end, last);
            if (from <= to)
            {
                usable.Set(from, to, inSet: false);
                capacity -= to - from + 1;
            }
        }

        return usable;
    }

    /// <summary>Exclusions as disjoint (start, end) intervals in port order.</summary>
    internal static List<(int Start, int End)> Merge(IEnumerable<PortRange> ranges)
    {
        var sorted = ranges.Where(r => r.Count > 0).Select(r => (r.Start, r.End)).ToList();
        sorted.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var (start, end) in sorted)
        {
            if (merged.Count > 0 && start <= merged[^1].End + 1)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }

        return merged;
    }

    private static EphemeralUsage GlobalPool(PoolSetup pool, PoolSockets sockets)
    {
        var usable = InRangeMask(pool, out var capacity);

        // The ports held, and of them those held by a socket not in TIME_WAIT: a bit per port, not a dictionary entry.
        PortMask held = new(), notOnlyTimeWait = new();
        int heldCount = 0, notOnlyTimeWaitCount = 0;
        foreach (var socket in sockets)
        {
            var port = socket.Local.Port;
            if (port is > 0 and < 65536 && usable[port])
            {
                heldCount += held.Add(port) ? 1 : 0;
                notOnlyTimeWaitCount += socket.State != SocketState.TimeWait && notOnlyTimeWait.Add(port) ? 1 : 0;
            }
        }

        return GlobalUsage(pool, capacity, heldCount, heldCount - notOnlyTimeWaitCount);
    }

    internal static EphemeralUsage GlobalUsage(PoolSetup pool, int capacity, int held, int timeWaitOnly) =>
        new(pool.Protocol, pool.Family, pool.Range)
        {
            Capacity = capacity,
            DistinctPortsHeld = held,
            GlobalPressure = held,
            HeadlinePorts = held,
            TimeWaitOnlyPorts = timeWaitOnly,
        };

    private static EphemeralUsage LinuxTcp(PoolSetup pool, PoolSockets sockets)
    {
        var usable = InRangeMask(pool, out var capacity);
        // One flag byte per port instead of a set per kind: 40,000 sockets add no allocation per socket.
        var marks = new byte[65536];
        foreach (var socket in sockets)
        {
            if (socket.State == SocketState.Listen && socket.Local.Port is > 0 and < 65536)
            {
                marks[socket.Local.Port] |= Listener;
            }
        }

        var destinations = new Dictionary<(string Local, Endpoint Remote), int>();
        var ports = new DestinationPorts(sockets.Listed);
        try
        {
            var (held, exclusive, reusable) = Tally(sockets, usable, marks, pool.TwReuse, destinations, ports);
            return LinuxTcpUsage(
                pool,
                capacity,
                (held, exclusive, reusable),
                destinations.Select(d => new DestinationPressure(d.Key.Local, d.Key.Remote, ports.Distinct(d.Value, marks, 0)) { TimeWait = ports.TimeWait(d.Value) }),
                top => ports.Distinct(destinations[(top.LocalAddress, top.Remote)], marks, Exclusive));
        }
        finally
        {
            ports.Dispose();
        }
    }

    /// <summary>Marks each port held and exclusive, and files each outbound socket's port under its destination.</summary>
    private static (int Held, int Exclusive, int Reusable) Tally(
        PoolSockets sockets,
        PortMask usable,
        byte[] marks,
        string twReuse,
        Dictionary<(string Local, Endpoint Remote), int> destinations,
        DestinationPorts ports)
    {
        int held = 0, exclusive = 0, reusable = 0;
        foreach (var socket in sockets)
        {
            var port = socket.Local.Port;
            if (port is <= 0 or >= 65536 || !usable[port])
            {
                continue;
            }

            held += Mark(marks, port, Held);
            if (socket.State is SocketState.Listen or SocketState.Bound or SocketState.Closed || socket.Remote.IsUnspecified)
            {
                exclusive += Mark(marks, port, Exclusive);
                continue;
            }

            if ((marks[port] & Listener) != 0)
            {
                // An accepted connection shares its listener's port: inbound, not ephemeral.
                continue;
            }

            var isTimeWait = socket.State == SocketState.TimeWait;
            if (isTimeWait && TimeWaitIsReusable(twReuse, socket.Remote.Address))
            {
                reusable++;
                continue;
            }

            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(destinations, (socket.Local.Address, socket.Remote), out var known);
            if (!known)
            {
                index = ports.AddDestination();
            }

            ports.Add(index, port, isTimeWait);
        }

        return (held, exclusive, reusable);
    }

    /// <summary>
    /// A Linux TCP pool's usage from its counts and its destinations (each with its distinct ports):
    /// the worst destinations, and the headline, the top one's ports with the exclusive ones
    /// (<paramref name="outsideExclusive"/>: the top destination's ports that are not exclusive).
    /// </summary>
    internal static EphemeralUsage LinuxTcpUsage(
        PoolSetup pool,
        int capacity,
        (int Held, int Exclusive, int Reusable) counts,
        IEnumerable<DestinationPressure> destinations,
        Func<DestinationPressure, int> outsideExclusive)
    {
        // Ties in full: by remote, then local address, so the order does not depend on the listing's.
        var worst = destinations
            .OrderByDescending(d => d.Ports)
            .ThenBy(d => d.Remote.ToString(), StringComparer.Ordinal)
            .ThenBy(d => d.LocalAddress, StringComparer.Ordinal)
            .Take(WorstDestinationCount)
            .ToList();

        var headline = counts.Exclusive;
        var scope = "global";
        DestinationPressure? headlineDestination = null;
        var timeWaitOnly = 0;
        if (worst.Count > 0)
        {
            var top = worst[0];
            var union = counts.Exclusive + outsideExclusive(top);
            if (union > headline)
            {
                headline = union;
                scope = $"{top.LocalAddress} -> {top.Remote}";
                headlineDestination = top;
                timeWaitOnly = top.TimeWait;
            }
        }

        return new EphemeralUsage(TransportProtocol.Tcp, null, pool.Range)
        {
            Capacity = capacity,
            DistinctPortsHeld = counts.Held,
            GlobalPressure = counts.Exclusive,
            WorstDestinations = worst,
            HeadlinePorts = Math.Min(headline, capacity),
            HeadlineScope = scope,
            HeadlineDestination = headlineDestination,
            ReusableTimeWait = counts.Reusable,
            TimeWaitOnlyPorts = timeWaitOnly,
        };
    }

    /// <summary>Sets <paramref name="flag"/> on the port; 1 when it was not set before.</summary>
    private static int Mark(byte[] marks, int port, byte flag)
    {
        if ((marks[port] & flag) != 0)
        {
            return 0;
        }

        marks[port] |= flag;
        return 1;
    }

    /// <summary>tcp_tw_reuse: 1 reuses TIME_WAIT for any outgoing connect, 2 (the default) for loopback only.</summary>
    internal static bool TimeWaitIsReusable(string twReuse, string remoteAddress) => twReuse switch
    {
        "1" => true,
        "2" => remoteAddress.StartsWith("127.", StringComparison.Ordinal) || remoteAddress.StartsWith("::ffff:127.", StringComparison.Ordinal) || remoteAddress == "::1",
        _ => false,
    };
}
