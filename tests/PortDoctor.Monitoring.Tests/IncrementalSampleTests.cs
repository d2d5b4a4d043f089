using System.Globalization;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Monitoring.Tests;

/// <summary>
/// The monitor's incremental TIME_WAIT owners and consumers against the full computation, after every
/// step of a random walk: sockets appear and vanish, change state or owner (a new object, as the
/// recall hands out), listeners come and go, the range changes, the order is shuffled, an object is
/// listed twice; the 4-tuple memory is a real <see cref="ConnectionMemory"/> small enough to forget.
/// </summary>
public sealed class IncrementalSampleTests
{
    private static readonly string[] Remotes = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "192.168.1.4"];
    private static readonly int[] RemotePorts = [80, 443, 5432];
    private static readonly SocketState[] States =
    [
        SocketState.Established, SocketState.Established, SocketState.TimeWait, SocketState.TimeWait, SocketState.TimeWait,
        SocketState.FinWait1, SocketState.FinWait2, SocketState.LastAck, SocketState.CloseWait, SocketState.SynSent, SocketState.Bound,
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Each_step_gives_what_the_full_computation_gives(int seed)
    {
        var random = new Random(seed);
        var memory = new ConnectionMemory(capacity: 48);
        var turnover = new SocketTurnover();
        var timeWait = new IncrementalTimeWaitOwners();
        var consumers = new IncrementalProcessConsumers();
        var sockets = Enumerable.Range(0, 60).Select(_ => NewSocket(random)).ToList();
        var rangeStart = 1000;
        int incrementalSteps = 0, timeWaitGroups = 0;
        for (var step = 0; step < 400; step++)
        {
            rangeStart = Walk(random, sockets, rangeStart);
            var snapshot = Snapshot(sockets, rangeStart);
            var usage = EphemeralAccounting.Compute(snapshot);
            var range = usage.First(u => u.Protocol == TransportProtocol.Tcp).Range;

            var fullTimeWait = TimeWaitOwners.Infer(snapshot, null, range, memory.OwnerOf);
            var fullConsumers = ProcessConsumers.Compute(snapshot, usage, fullTimeWait);
            var comparable = turnover.Next(snapshot.Sockets);
            var keptTimeWait = timeWait.Infer(snapshot, turnover, comparable, range, memory.OwnerOf, memory.LastChanged);
            var keptConsumers = consumers.Compute(snapshot, usage, keptTimeWait, turnover, comparable);

            Assert.Equal(Sorted(fullTimeWait), Sorted(keptTimeWait));
            Assert.Equal(fullConsumers.Select(Describe), keptConsumers.Select(Describe));
            incrementalSteps += timeWait.LastWasFull || consumers.LastWasFull ? 0 : 1;
            timeWaitGroups += fullTimeWait.Count;
            memory.Remember(snapshot, _ => null);
        }

        // The walk must exercise the incremental path (not only fresh starts) on sockets that have owners to find.
        Assert.True(incrementalSteps > 150, $"{incrementalSteps} incremental steps");
        Assert.True(timeWaitGroups > 400, $"{timeWaitGroups} TIME_WAIT groups");
    }

    /// <summary>One step: a few sockets vanish, appear, change; now and then listeners, the range, the order or a duplicate.</summary>
    private static int Walk(Random random, List<SocketEntry> sockets, int rangeStart)
    {
        for (var i = random.Next(4); i > 0 && sockets.Count > 0; i--)
        {
            sockets.RemoveAt(random.Next(2) == 0 ? 0 : random.Next(sockets.Count));
        }

        for (var i = random.Next(4); i > 0; i--)
        {
            sockets.Insert(random.Next(sockets.Count + 1), NewSocket(random));
        }

        for (var i = random.Next(4); i > 0 && sockets.Count > 0; i--)
        {
            var at = random.Next(sockets.Count);
            var socket = sockets[at];
            if (random.Next(4) == 0)
            {
                // A TIME_WAIT twin: two listed sockets on one 4-tuple (another object, equal or not).
                sockets.Insert(at, socket with { State = SocketState.TimeWait, Pid = null, ProcessName = null });
                continue;
            }

            sockets[at] = random.Next(3) switch
            {
                // Closed: TIME_WAIT keeps the 4-tuple, the owner is gone (the memory may know it).
                0 => socket with { State = SocketState.TimeWait, Pid = null, ProcessName = null },
                1 => socket with { Pid = random.Next(1, 6), ProcessName = null },
                _ => socket with { State = States[random.Next(States.Length)] },
            };
        }

        switch (random.Next(60))
        {
            case 0:
                sockets.Add(Socket(SocketState.Listen, "0.0.0.0", 1000 + random.Next(60), "0.0.0.0", 0, random.Next(1, 6)));
                break;
            case 1 when sockets.FindIndex(s => s.State == SocketState.Listen) is var listener and >= 0:
                sockets.RemoveAt(listener);
                break;
            case 2:
                rangeStart = 990 + random.Next(20);
                break;
            case 3:
                Shuffle(random, sockets);
                break;
            case 4 when sockets.Count > 0:
                sockets.Insert(0, sockets[random.Next(sockets.Count)]); // removed first by the next steps
                break;
            case 5 when sockets.Count > 0:
                // The same process under another name (a re-exec): which name is first depends on the order.
                var named = random.Next(sockets.Count);
                sockets[named] = sockets[named] with { ProcessName = "renamed" };
                break;
            default:
                break;
        }

        return rangeStart;
    }

    private static SocketEntry NewSocket(Random random)
    {
        var state = States[random.Next(States.Length)];
        var pid = state == SocketState.TimeWait || random.Next(8) == 0 ? (int?)null : random.Next(1, 6);
        var local = random.Next(4) == 0 ? "127.0.0.1" : "10.0.0.9";
        var protocol = random.Next(10) == 0 ? TransportProtocol.Udp : TransportProtocol.Tcp;
        return Socket(state, local, 1000 + random.Next(60), Remotes[random.Next(Remotes.Length)], RemotePorts[random.Next(RemotePorts.Length)], pid) with { Protocol = protocol };
    }

    private static SocketEntry Socket(SocketState state, string local, int localPort, string remote, int remotePort, int? pid) =>
        new(TransportProtocol.Tcp, IpFamily.IPv4, state, new Endpoint(local, localPort), new Endpoint(remote, remotePort))
        {
            Pid = pid,
            ProcessName = pid is { } p ? "proc" + p.ToString(CultureInfo.InvariantCulture) : null,
        };

    private static Snapshot Snapshot(List<SocketEntry> sockets, int rangeStart) => new()
    {
        Time = Hosts.Start,
        Host = "web1",
        Os = OsKind.Linux,
        Sockets = [.. sockets],
        Ports = PortDoctor.Evidence.Linux.LinuxSysctl.ToConfiguration(
            new Dictionary<string, string>
            {
                [LinuxSettings.PortRangeKey] = string.Create(CultureInfo.InvariantCulture, $"{rangeStart} {rangeStart + 40}"),
            },
            "test"),
    };

    private static void Shuffle(Random random, List<SocketEntry> sockets)
    {
        for (var i = sockets.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (sockets[i], sockets[j]) = (sockets[j], sockets[i]);
        }
    }

    /// <summary>Groups tied on count and remote come in no fixed order (nothing reads it: consumers sum per PID), so compared as a set.</summary>
    private static List<string> Sorted(IReadOnlyList<TimeWaitAttribution> attributions) =>
        [.. attributions.Select(a => a.ToString()).Order(StringComparer.Ordinal)];

    private static string Describe(ProcessConsumer c) => string.Join(
        " | ",
        c.Pid,
        c.Process,
        Counts(c.SocketsByState),
        Counts(c.EphemeralByState),
        c.AttributedTimeWait,
        c.AttributedClosing,
        c.EphemeralUdp,
        c.TimeWaitConfidence,
        string.Join(",", c.TopDestinations));

    private static string Counts(IReadOnlyDictionary<SocketState, int> counts) =>
        string.Join(",", counts.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"));
}
