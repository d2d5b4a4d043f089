using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        /// <summary>Every wanted remote, with its live owners once a connection to it is seen (null: none yet).</summary>
        private readonly Dictionary<Endpoint, Owners?> _byEndpoint = [];
        private readonly Dictionary<string, Owners> _byAddress = new(StringComparer.Ordinal);
        private readonly HashSet<string> _addresses = new(StringComparer.Ordinal);

        public static LiveOwners Count(Snapshot snapshot, IReadOnlyCollection<Endpoint> wanted)
        {
            var live = new LiveOwners();
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

            // A slot per wanted remote, so that a connection's remote is looked up once.
            var byEndpoint = live._byEndpoint;
            byEndpoint.EnsureCapacity(wanted.Count);
            foreach (var remote in wanted)
            {
                byEndpoint[remote] = null;
            }

            foreach (var socket in snapshot.Sockets)
            {
                if (wantedPorts[socket.Remote.Port & 0xFFFF] && Connected(socket) is { } pid)
                {
                    ref var owners = ref CollectionsMarshal.GetValueRefOrNullRef(byEndpoint, socket.Remote);
                    if (!Unsafe.IsNullRef(ref owners))
                    {
                        (owners ??= new Owners()).Add(pid);
                    }
                }
            }

            // The address is asked about only for remotes no live process is connected to, and never
            // for loopback: every connection of this machine to itself shares 127.0.0.1, so "the same
            // address on another port" would name whichever process talks most to any local service
            // (seen live: a loop's 2,000 TIME_WAIT toward :8081 charged to a holder of 300 toward :8080).
            var addresses = live._addresses;
            foreach (var remote in wanted)
            {
                if (byEndpoint[remote] is null && !remote.IsLoopback)
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
                        ref var owners = ref CollectionsMarshal.GetValueRefOrAddDefault(live._byAddress, socket.Remote.Address, out _);
                        (owners ??= new Owners()).Add(pid);
                    }
                }
            }

            return live;
        }

        /// <summary>Whether the socket is one this count counted (or would, had it been listed): a live connection to a wanted remote or address.</summary>
        public bool Counts(SocketEntry socket) =>
            Connected(socket) is not null && (_byEndpoint.ContainsKey(socket.Remote) || _addresses.Contains(socket.Remote.Address));

        /// <summary>The owner of orphans toward <paramref name="remote"/>, worked out once per remote (or address) and kept: thousands of orphans share a few remotes.</summary>
        public Reason Attribute(Endpoint remote)
        {
            if (_byEndpoint.TryGetValue(remote, out var owners) && owners is not null)
            {
                return owners.Verdict ??= owners.OnEndpoint();
            }

            return _byAddress.TryGetValue(remote.Address, out var sameHost)
                ? sameHost.Verdict ??= new Reason(sameHost.Busiest(out _), AttributionConfidence.Low, Basis.SameAddress)
                : new Reason(null, AttributionConfidence.None, Basis.Nobody);
        }

        /// <summary>The owner of a live TCP connection with a remote end; null for listeners, orphans and the rest.</summary>
        private static int? Connected(SocketEntry socket) =>
            Owner(socket) is { } pid && socket.Protocol == TransportProtocol.Tcp && socket.State != SocketState.Listen &&
            !IsOrphaned(socket) && !socket.Remote.IsUnspecified
                ? pid
                : null;

        /// <summary>
        /// The live connections per process toward one remote (or address), and the verdict on them once asked.
        /// Most remotes have one process: it is kept in two numbers, and a dictionary is made for a second.
        /// </summary>
        private sealed class Owners
        {
            private int _pid;
            private int _count;

            /// <summary>Every process's count, the first's included, once there are two processes.</summary>
            private Dictionary<int, int>? _more;

            public Reason? Verdict { get; set; }

            public void Add(int pid)
            {
                if (_more is null)
                {
                    if (_count == 0 || pid == _pid)
                    {
                        (_pid, _count) = (pid, _count + 1);
                        return;
                    }

                    _more = new() { [_pid] = _count };
                }

                CollectionsMarshal.GetValueRefOrAddDefault(_more, pid, out _)++;
            }

            public Reason OnEndpoint()
            {
                var busiest = Busiest(out var most);
                if (_more is null)
                {
                    return new Reason(busiest, AttributionConfidence.Medium, Basis.OnlyOnEndpoint);
                }

                // The busiest only when it holds most of the connections: among 200 processes with 2 each
                // (seen live: one script started per request) any pick is a guess, and named one of them the culprit.
                return 2 * most > _more.Values.Sum()
                    ? new Reason(busiest, AttributionConfidence.Low, Basis.BusiestOnEndpoint, _more.Count)
                    : new Reason(null, AttributionConfidence.None, Basis.NoMajorityOnEndpoint, _more.Count);
            }

            /// <summary>The process with the most connections (<paramref name="most"/>); the lowest PID of those tied.</summary>
            public int Busiest(out int most)
            {
                if (_more is null)
                {
                    most = _count;
                    return _pid;
                }

                var best = int.MaxValue;
                most = -1;
                foreach (var (pid, count) in _more)
                {
                    if (count > most || (count == most && pid < best))
                    {
                        (best, most) = (pid, count);
                    }
                }

                return best;
            }
        }
    }
}
