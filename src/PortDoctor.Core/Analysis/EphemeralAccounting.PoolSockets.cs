using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

public static partial class EphemeralAccounting
{
    /// <summary>
    /// A pool's sockets (its protocol, and its family when it has one), enumerated in place: a struct
    /// enumerator over the list by index, where a LINQ filter cost an iterator, a closure and a delegate
    /// call per socket in each of the three passes a sample makes over 40,000 sockets.
    /// </summary>
    private readonly struct PoolSockets(IReadOnlyList<SocketEntry> sockets, TransportProtocol protocol, IpFamily? family)
    {
        /// <summary>Sockets listed, of every pool: a bound for buffers.</summary>
        public int Listed => sockets.Count;

        public Enumerator GetEnumerator() => new(sockets, protocol, family);

        public struct Enumerator(IReadOnlyList<SocketEntry> sockets, TransportProtocol protocol, IpFamily? family)
        {
            private int _next;

            public SocketEntry Current { get; private set; } = null!;

            public bool MoveNext()
            {
                while (_next < sockets.Count)
                {
                    var socket = sockets[_next++];
                    if (socket.Protocol == protocol && (family is null || socket.Family == family))
                    {
                        Current = socket;
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
