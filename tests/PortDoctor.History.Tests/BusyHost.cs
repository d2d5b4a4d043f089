using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;

namespace PortDoctor.History.Tests;

/// <summary>
/// A simulated busy host's samples: 4 pools, 10 destinations on the TCP pools, 20 processes (one
/// leaking 3 ports a sample), 40 new ESTABLISHED 4-tuples and a few kernel counters per sample.
/// Deterministic in (start, index). Linked into bench/History too.
/// </summary>
internal static class BusyHost
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static HostSample Sample(int index, TimeSpan interval, int processes = 20, int destinations = 10, int connections = 40)
    {
        var leak = 100 + (3 * index);
        return new HostSample(Start + (interval * index), "busy-host")
        {
            Namespace = "",
            Pools =
            [
                Pool(TransportProtocol.Tcp, IpFamily.IPv4, 28232, 9000 + (index % 500) + leak, destinations, index),
                Pool(TransportProtocol.Tcp, IpFamily.IPv6, 28232, 1200 + (index % 70), destinations, index),
                Pool(TransportProtocol.Udp, IpFamily.IPv4, 28232, 300 + (index % 11), 0, index),
                Pool(TransportProtocol.Udp, IpFamily.IPv6, 28232, 20, 0, index),
            ],
            Processes = [.. Enumerable.Range(0, processes).Select(rank => Process(rank, rank == 0 ? leak : 2000 / (rank + 1) + (index % 7)))],
            Connections = [.. Enumerable.Range(0, connections).Select(i => new ConnectionOwner(
                new Endpoint("10.1.0.5", 32768 + (((index * connections) + i) % 28232)),
                new Endpoint($"10.2.0.{(i % destinations) + 1}", 443),
                1000 + (i % processes),
                Start.AddHours(-3)))],
            EventsSinceLast = index % 97 == 0 ? 2 : 0,
            KernelCounterDeltas = new Dictionary<string, long>
            {
                ["TcpExt.TW"] = 120 + (index % 13),
                ["TcpExt.TWRecycled"] = index % 5,
                ["TcpExt.ListenOverflows"] = index % 31 == 0 ? 1 : 0,
            },
            Probe = new ProbeResult("127.0.0.1:0", ProbeOutcome.Succeeded) { Elapsed = TimeSpan.FromMicroseconds(340 + (index % 50)) },
            Cost = new SampleCost(TimeSpan.FromMilliseconds(48.5), TimeSpan.FromMilliseconds(31.25)),
        };
    }

    private static PoolSample Pool(TransportProtocol protocol, IpFamily family, int capacity, int ports, int destinations, int index) =>
        new(protocol, family, capacity, ports)
        {
            ByState = protocol == TransportProtocol.Tcp
                ? new Dictionary<SocketState, int> { [SocketState.Established] = ports / 2, [SocketState.TimeWait] = ports / 3, [SocketState.Listen] = 12, [SocketState.CloseWait] = index % 9 }
                : new Dictionary<SocketState, int> { [SocketState.Unconnected] = ports },
            WorstDestinations = [.. Enumerable.Range(0, destinations).Select(d => new DestinationSample(
                family == IpFamily.IPv4 ? "10.1.0.5" : "fd00::5",
                new Endpoint(family == IpFamily.IPv4 ? $"10.2.0.{d + 1}" : $"fd00::2:{d + 1}", d == 0 ? 5432 : 443),
                (ports / (d + 2)) + 1)
            { TimeWait = ports / (d + 5) })],
        };

    private static ProcessSample Process(int rank, int ports) =>
        new(1000 + rank, Start.AddHours(-3).AddSeconds(rank), rank == 0 ? "leaky-worker" : $"service-{rank}", ports)
        {
            ByState = new Dictionary<SocketState, int> { [SocketState.Established] = ports - (ports / 4), [SocketState.TimeWait] = ports / 4 },
            Handles = 200 + (ports * 2),
            SocketFds = ports - (ports / 4),
        };
}
