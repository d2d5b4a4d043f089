using System.Runtime.InteropServices;
using PortDoctor.Core.Model;
using PoolSetup = PortDoctor.Core.Analysis.EphemeralAccounting.PoolSetup;

namespace PortDoctor.Core.Analysis;

public sealed partial class IncrementalEphemeralAccounting
{
    /// <summary>One pool's counts, kept: <see cref="Count"/> with -1 takes back exactly what +1 added, while the setup holds.</summary>
    private abstract class KeptPool
    {
        protected KeptPool(PoolSetup setup)
        {
            Setup = setup;
            Usable = EphemeralAccounting.InRangeMask(setup, out var capacity);
            Capacity = capacity;
        }

        protected PoolSetup Setup { get; }

        protected PortMask Usable { get; }

        protected int Capacity { get; }

        public void Count(IReadOnlyList<SocketEntry> sockets, int sign)
        {
            foreach (var socket in sockets)
            {
                var port = socket.Local.Port;
                if (socket.Protocol == Setup.Protocol && (Setup.Family is null || socket.Family == Setup.Family) && port is > 0 and < 65536 && Usable[port])
                {
                    Count(socket, port, sign);
                }
            }
        }

        public abstract EphemeralUsage Usage();

        /// <summary>Back to no socket counted, before a count afresh of <paramref name="sockets"/>; keeps the storage.</summary>
        public abstract void Clear(IReadOnlyList<SocketEntry> sockets);

        /// <summary>After a count afresh: drops what <see cref="Clear"/> kept and the count did not use.</summary>
        public virtual void Trim()
        {
        }

        /// <summary>Counts one socket of the pool on a port of its range.</summary>
        protected abstract void Count(SocketEntry socket, int port, int sign);

        /// <summary>Counts the port's sockets up or down; +1 when the port gets its first, -1 when it loses its last, else 0.</summary>
        protected static int Step(int[] counts, int port, int sign)
        {
            var before = counts[port];
            counts[port] = before + sign;
            return before == 0 ? 1 : counts[port] == 0 ? -1 : 0;
        }
    }

    /// <summary>A Windows-style pool (and Linux UDP): every socket on a port of the range holds it.</summary>
    private sealed class KeptGlobal(PoolSetup setup) : KeptPool(setup)
    {
        private readonly int[] _sockets = new int[65536];
        private readonly int[] _notTimeWait = new int[65536];
        private int _held;
        private int _timeWaitOnly;

        public override EphemeralUsage Usage() => EphemeralAccounting.GlobalUsage(Setup, Capacity, _held, _timeWaitOnly);

        public override void Clear(IReadOnlyList<SocketEntry> sockets)
        {
            Array.Clear(_sockets);
            Array.Clear(_notTimeWait);
            (_held, _timeWaitOnly) = (0, 0);
        }

        protected override void Count(SocketEntry socket, int port, int sign)
        {
            var wasOnly = _sockets[port] > 0 && _notTimeWait[port] == 0;
            _held += Step(_sockets, port, sign);
            _notTimeWait[port] += socket.State == SocketState.TimeWait ? 0 : sign;
            var isOnly = _sockets[port] > 0 && _notTimeWait[port] == 0;
            _timeWaitOnly += (isOnly ? 1 : 0) - (wasOnly ? 1 : 0);
        }
    }

    /// <summary>
    /// Linux TCP (EphemeralAccounting's LinuxTcp): ports held and held exclusively, counted per port,
    /// and each destination's ports with their sockets; the listeners' ports as they were when counted afresh.
    /// </summary>
    private sealed class KeptLinuxTcp : KeptPool
    {
        private readonly bool[] _listener = new bool[65536];
        private readonly int[] _held = new int[65536];
        private readonly int[] _exclusive = new int[65536];
        private readonly Dictionary<(string Local, Endpoint Remote), Destination> _destinations = [];
        private (int Held, int Exclusive, int Reusable) _counts;

        public KeptLinuxTcp(PoolSetup setup)
            : base(setup)
        {
        }

        /// <summary>Empties the counts and marks the listeners' ports as they are now; each destination keeps its port map, emptied.</summary>
        public override void Clear(IReadOnlyList<SocketEntry> sockets)
        {
            Array.Clear(_listener);
            Array.Clear(_held);
            Array.Clear(_exclusive);
            _counts = default;
            foreach (var destination in _destinations.Values)
            {
                destination.Clear();
            }

            foreach (var socket in sockets)
            {
                if (socket.Protocol == Setup.Protocol && socket.State == SocketState.Listen && socket.Local.Port is > 0 and < 65536)
                {
                    _listener[socket.Local.Port] = true;
                }
            }
        }

        /// <summary>Destinations that no socket counted afresh went to.</summary>
        public override void Trim()
        {
            foreach (var (key, destination) in _destinations)
            {
                if (destination.Sockets == 0)
                {
                    _destinations.Remove(key); // allowed while enumerating since .NET Core 3.0
                }
            }
        }

        public override EphemeralUsage Usage()
        {
            // Only a destination with at least the fifth most ports can be among the worst: the others are not sorted.
            var least = Least();
            return EphemeralAccounting.LinuxTcpUsage(
                Setup,
                Capacity,
                _counts,
                _destinations.Where(d => d.Value.Ports.Count >= least).Select(d => new DestinationPressure(d.Key.Local, d.Key.Remote, d.Value.Ports.Count) { TimeWait = d.Value.TimeWait }),
                top => OutsideExclusive(_destinations[(top.LocalAddress, top.Remote)]));
        }

        protected override void Count(SocketEntry socket, int port, int sign)
        {
            _counts.Held += Step(_held, port, sign);
            if (socket.State is SocketState.Listen or SocketState.Bound or SocketState.Closed || socket.Remote.IsUnspecified)
            {
                _counts.Exclusive += Step(_exclusive, port, sign);
                return;
            }

            if (_listener[port])
            {
                return; // an accepted connection shares its listener's port: inbound, not ephemeral
            }

            var isTimeWait = socket.State == SocketState.TimeWait;
            if (isTimeWait && EphemeralAccounting.TimeWaitIsReusable(Setup.TwReuse, socket.Remote.Address))
            {
                _counts.Reusable += sign;
                return;
            }

            var key = (socket.Local.Address, socket.Remote);
            ref var destination = ref CollectionsMarshal.GetValueRefOrAddDefault(_destinations, key, out _);
            destination ??= new Destination();
            destination.Sockets += sign;
            destination.TimeWait += isTimeWait ? sign : 0;
            ref var onPort = ref CollectionsMarshal.GetValueRefOrAddDefault(destination.Ports, port, out _);
            onPort += sign;
            if (onPort == 0)
            {
                destination.Ports.Remove(port);
            }

            if (destination.Sockets == 0)
            {
                _destinations.Remove(key);
            }
        }

        /// <summary>The fifth largest number of ports among the destinations (0 when there are fewer).</summary>
        private int Least()
        {
            Span<int> top = stackalloc int[EphemeralAccounting.WorstDestinationCount];
            top.Clear();
            foreach (var destination in _destinations.Values)
            {
                var ports = destination.Ports.Count;
                var at = top.Length - 1;
                if (ports <= top[at])
                {
                    continue;
                }

                for (; at > 0 && top[at - 1] < ports; at--)
                {
                    top[at] = top[at - 1];
                }

                top[at] = ports;
            }

            return top[^1];
        }

        private int OutsideExclusive(Destination destination)
        {
            var count = 0;
            foreach (var port in destination.Ports.Keys)
            {
                count += _exclusive[port] == 0 ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>One destination's sockets: how many on each local port, and how many in TIME_WAIT.</summary>
    private sealed class Destination
    {
        public Dictionary<int, int> Ports { get; } = [];

        public int Sockets { get; set; }

        public int TimeWait { get; set; }

        public void Clear()
        {
            Ports.Clear();
            (Sockets, TimeWait) = (0, 0);
        }
    }
}
