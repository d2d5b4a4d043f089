using System.Collections;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

public static partial class TimeWaitOwners
{
    /// <summary>Why a group of orphaned sockets got its owner; made into a sentence once per group, not per socket.</summary>
    internal enum Basis
    {
        Unresolved,
        SourceNamed,
        MonitorHistory,
        EarlierSnapshot,
        Listener,
        OnlyOnEndpoint,
        BusiestOnEndpoint,
        NoMajorityOnEndpoint,
        SameAddress,
        Nobody,
        CountsOnly,
    }

    /// <param name="Processes">For <see cref="Basis.BusiestOnEndpoint"/> and <see cref="Basis.NoMajorityOnEndpoint"/>: how many live processes talk to the endpoint.</param>
    internal readonly record struct Reason(int? Pid, AttributionConfidence Confidence, Basis Basis, int Processes = 0);

    internal readonly record struct GroupKey(int? Pid, Endpoint Remote, AttributionConfidence Confidence, Basis Basis, int Processes, bool Closing);

    /// <summary>
    /// The live owned TCP connections per remote endpoint (and per remote address), counted for the
    /// remotes that orphaned sockets still need an owner for.
    /// </summary>
    internal sealed class LiveOwners
    {
        private readonly Dictionary<Endpoint, Dictionary<int, int>> _byEndpoint = [];
        private readonly Dictionary<string, Dictionary<int, int>> _byAddress = new(StringComparer.Ordinal);
        private readonly HashSet<Endpoint> _wanted;
        private readonly HashSet<string> _addresses = new(StringComparer.Ordinal);

        private LiveOwners(HashSet<Endpoint> wanted) => _wanted = wanted;

        public static LiveOwners Count(Snapshot snapshot, HashSet<Endpoint> wanted)
        {
            var live = new LiveOwners(wanted);
            if (wanted.Count == 0)
            {
                return live;
            }

            // The remote port first (a bit per port): a server's accepted connections each have a client's
            // port as remote, which no unattributed TIME_WAIT asks about, and skip hashing the address.
            var wantedPorts = new BitArray(65536);
            foreach (var remote in wanted)
            {
                wantedPorts[remote.Port & 0xFFFF] = true;
            }

            foreach (var socket in snapshot.Sockets)
            {
                if (wantedPorts[socket.Remote.Port & 0xFFFF] && Connected(socket) is { } pid && wanted.Contains(socket.Remote))
                {
                    Increment(live._byEndpoint, socket.Remote, pid);
                }
            }

            // The address is asked about only for remotes no live process is connected to, and never
            // for loopback: every connection of this machine to itself shares 127.0.0.1, so "the same
            // address on another port" would name whichever process talks most to any local service
            // (seen live: a loop's 2,000 TIME_WAIT toward :8081 charged to a holder of 300 toward :8080).
            var addresses = live._addresses;
            foreach (var remote in wanted)
            {
                if (!live._byEndpoint.ContainsKey(remote) && !remote.IsLoopback)
                {
                    addresses.Add(remote.Address);
                }
            }

            if (addresses.Count > 0)
            {
                foreach (var socket in snapshot.Sockets)
                {
                    if (Connected(socket) is { } pid && addresses.Contains(socket.Remote.Address))
                    {
                        Increment(live._byAddress, socket.Remote.Address, pid);
                    }
                }
            }

            return live;
        }

        /// <summary>Whether the socket is one this count counted (or would, had it been listed): a live connection to a wanted remote or address.</summary>
        public bool Counts(SocketEntry socket) =>
            Connected(socket) is not null && (_wanted.Contains(socket.Remote) || _addresses.Contains(socket.Remote.Address));

        public Reason Attribute(Endpoint remote)
        {
            if (_byEndpoint.TryGetValue(remote, out var owners))
            {
                if (owners.Count == 1)
                {
                    return new Reason(Busiest(owners), AttributionConfidence.Medium, Basis.OnlyOnEndpoint);
                }

                // The busiest only when it holds most of the connections: among 200 processes with 2 each
                // (seen live: one script started per request) any pick is a guess, and named one of them the culprit.
                var busiest = Busiest(owners);
                return 2 * owners[busiest] > owners.Values.Sum()
                    ? new Reason(busiest, AttributionConfidence.Low, Basis.BusiestOnEndpoint, owners.Count)
                    : new Reason(null, AttributionConfidence.None, Basis.NoMajorityOnEndpoint, owners.Count);
            }

            return _byAddress.TryGetValue(remote.Address, out var sameHost)
                ? new Reason(Busiest(sameHost), AttributionConfidence.Low, Basis.SameAddress)
                : new Reason(null, AttributionConfidence.None, Basis.Nobody);
        }

        /// <summary>The owner of a live TCP connection with a remote end; null for listeners, orphans and the rest.</summary>
        private static int? Connected(SocketEntry socket) =>
            Owner(socket) is { } pid && socket.Protocol == TransportProtocol.Tcp && socket.State != SocketState.Listen &&
            !IsOrphaned(socket) && !socket.Remote.IsUnspecified
                ? pid
                : null;

        /// <summary>The process with the most connections; the lowest PID of those tied.</summary>
        private static int Busiest(Dictionary<int, int> owners)
        {
            var (best, most) = (int.MaxValue, -1);
            foreach (var (pid, count) in owners)
            {
                if (count > most || (count == most && pid < best))
                {
                    (best, most) = (pid, count);
                }
            }

            return best;
        }

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
}
