using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

public static partial class ProcessConsumers
{
    /// <summary>
    /// The ephemeral range of each pool of a usage, by protocol and family (none: one pool for every
    /// family, as on Linux): what <see cref="IsEphemeral"/> asks for every socket, as six slots rather
    /// than a dictionary keyed by a tuple with a nullable member (a hash of each per socket).
    /// </summary>
    internal sealed class PoolRanges : IEquatable<PoolRanges>
    {
        /// <summary>Per protocol (TCP, UDP): the range of every family, of IPv4, of IPv6.</summary>
        private readonly PortRange?[] _slots = new PortRange?[6];

        public PoolRanges(IEnumerable<EphemeralUsage> usage)
        {
            foreach (var pool in usage)
            {
                ref var slot = ref _slots[Slot(pool.Protocol, pool.Family)];
                if (slot is not null)
                {
                    throw new ArgumentException($"two usages for the {pool.Protocol} {pool.Family} pool", nameof(usage));
                }

                slot = pool.Range;
            }
        }

        /// <summary>The range the socket's port is counted in: the protocol's every-family pool, else its family's; false when there is none.</summary>
        public bool TryGet(TransportProtocol protocol, IpFamily family, out PortRange range)
        {
            if ((uint)protocol > (uint)TransportProtocol.Udp || (uint)family > (uint)IpFamily.IPv6)
            {
                range = default;
                return false;
            }

            var found = _slots[Slot(protocol, null)] ?? _slots[Slot(protocol, family)];
            range = found.GetValueOrDefault();
            return found.HasValue;
        }

        /// <summary>Whether the protocol has one pool for every family (its ports then count once per port, whatever the family).</summary>
        public bool OnePoolFor(TransportProtocol protocol) => (uint)protocol <= (uint)TransportProtocol.Udp && _slots[Slot(protocol, null)].HasValue;

        public bool Equals(PoolRanges? other) => other is not null && _slots.SequenceEqual(other._slots);

        public override bool Equals(object? obj) => Equals(obj as PoolRanges);

        public override int GetHashCode() => _slots.Aggregate(0, HashCode.Combine);

        private static int Slot(TransportProtocol protocol, IpFamily? family) =>
            (protocol == TransportProtocol.Tcp ? 0 : 3) + family switch
            {
                null => 0,
                IpFamily.IPv4 => 1,
                _ => 2,
            };
    }
}
