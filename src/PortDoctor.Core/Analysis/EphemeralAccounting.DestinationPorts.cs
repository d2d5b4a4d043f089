using System.Buffers;

namespace PortDoctor.Core.Analysis;

public static partial class EphemeralAccounting
{
    /// <summary>
    /// The local ports each destination's sockets use, as one list per destination threaded through
    /// two rented arrays (a socket's port and the index of its destination's previous socket): a
    /// growing list per destination was, at 40,000 sockets toward one server, large-object garbage
    /// every monitor sample.
    /// </summary>
    private sealed class DestinationPorts : IDisposable
    {
        private readonly int[] _port;
        private readonly int[] _previous;
        private readonly List<(int Last, int TimeWait)> _destinations = [];
        private int _count;

        public DestinationPorts(int sockets)
        {
            _port = ArrayPool<int>.Shared.Rent(Math.Max(16, sockets));
            _previous = ArrayPool<int>.Shared.Rent(Math.Max(16, sockets));
        }

        public int AddDestination()
        {
            _destinations.Add((-1, 0));
            return _destinations.Count - 1;
        }

        public void Add(int destination, int port, bool timeWait)
        {
            var (last, timeWaits) = _destinations[destination];
            _port[_count] = port;
            _previous[_count] = last;
            _destinations[destination] = (_count, timeWaits + (timeWait ? 1 : 0));
            _count++;
        }

        public int TimeWait(int destination) => _destinations[destination].TimeWait;

        /// <summary>The destination's distinct ports that carry none of <paramref name="skip"/>'s flags (the scratch flag is cleared again).</summary>
        public int Distinct(int destination, byte[] marks, byte skip)
        {
            var count = 0;
            for (var i = _destinations[destination].Last; i >= 0; i = _previous[i])
            {
                if ((marks[_port[i]] & skip) == 0)
                {
                    count += Mark(marks, _port[i], Counted);
                }
            }

            for (var i = _destinations[destination].Last; i >= 0; i = _previous[i])
            {
                marks[_port[i]] &= unchecked((byte)~Counted);
            }

            return count;
        }

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(_port);
            ArrayPool<int>.Shared.Return(_previous);
        }
    }
}
