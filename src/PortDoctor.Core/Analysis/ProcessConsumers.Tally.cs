using System.Runtime.InteropServices;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

public static partial class ProcessConsumers
{
    /// <summary>One process's sockets as the pass over the snapshot counts them; a monitor's kept between samples and counted up and down.</summary>
    internal sealed class Tally(int pid)
    {
        public int Pid { get; } = pid;

        public string? Name { get; set; }

        public Dictionary<SocketState, int> All { get; } = [];

        public Dictionary<SocketState, int>? Ephemeral { get; set; }

        public Dictionary<Endpoint, int>? Destinations { get; set; }

        public int Udp { get; set; }

        /// <summary>Listed sockets counted (not the counted rows), and of them those that carry a process name.</summary>
        public int Sockets { get; private set; }

        public int Named { get; private set; }

        /// <summary>Counts the listed socket in (<paramref name="sign"/> 1) or out (-1); a count that reaches zero is removed.</summary>
        public void Add(SocketEntry socket, bool ephemeral, int sign)
        {
            Sockets += sign;
            Named += socket.ProcessName is null ? 0 : sign;
            Step(All, socket.State, sign);
            if (!ephemeral)
            {
                return;
            }

            if (socket.Protocol == TransportProtocol.Udp)
            {
                Udp += sign;
                return;
            }

            Step(Ephemeral ??= [], socket.State, sign);
            if (!socket.Remote.IsUnspecified)
            {
                Step(Destinations ??= [], socket.Remote, sign);
            }
        }

        private static void Step<TKey>(Dictionary<TKey, int> counts, TKey key, int sign)
            where TKey : notnull
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
            count += sign;
            if (count == 0)
            {
                counts.Remove(key);
            }
        }
    }
}
