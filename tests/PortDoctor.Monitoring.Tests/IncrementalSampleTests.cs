using System.Globalization;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Monitoring.Tests;

/// <summary>
/// The monitor's incremental port accounting, pool states, TIME_WAIT owners, consumers and 4-tuple
/// memory against the full computation, after every step of a random walk: sockets appear and vanish,
/// change state or owner (a new object, as the recall hands out), listeners come and go, the range,
/// the reserved ports and tcp_tw_reuse change, the order is shuffled, an object is listed twice; the
/// 4-tuple memory is a real <see cref="ConnectionMemory"/> small enough to forget. All share one
/// <see cref="SocketTurnover"/>, as in the sample builder.
/// </summary>
public sealed class IncrementalSampleTests
{
    private static readonly string[] Remotes = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "192.168.1.4", "127.0.0.1"];
    private static readonly string[] TwReuse = ["0", "1", "2"];
    private static readonly string[] Reserved = ["", "1015-1020", "1000,1030-1031"];
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
    [InlineData(7, true)]
    [InlineData(8, true)]
    [InlineData(9, true)]
    public void Each_step_gives_what_the_full_computation_gives(int seed, bool reusedLists = false)
    {
        var random = new Random(seed);
        var memory = new ConnectionMemory(capacity: 48);
        // One that never needs to forget (so it may pass the sockets it went through), beside what it must hold.
        var largeMemory = new ConnectionMemory(capacity: 1_000);
        var remembered = new Dictionary<(Endpoint, Endpoint), int>();
        var turnover = new SocketTurnover();
        var accounting = new IncrementalEphemeralAccounting(turnover);
        var poolStates = new IncrementalPoolStates();
        var timeWait = new IncrementalTimeWaitOwners();
        var consumers = new IncrementalProcessConsumers();
        var sockets = Enumerable.Range(0, 60).Select(_ => NewSocket(random)).ToList();
        var ports = new PortSetup(1000, "2", "");
        var timeWaitGroups = 0;
        var kept = new int[4]; // steps each part took incrementally: accounting, pool states, TIME_WAIT owners, consumers
        // With reusedLists, as a monitor's collector (OwnerCache.ReusesSocketLists): two socket lists filled in turn,
        // and now and then a failed sample, whose list no one computes on, so the next brings back the list compared last.
        List<SocketEntry>[] lists = [[], []];
        var failed = 0;
        for (var step = 0; step < 400; step++)
        {
            ports = Walk(random, sockets, ports);
            var snapshot = Snapshot(reusedLists ? Refill(lists[step % 2], sockets) : [.. sockets], ports, Hosts.Start.AddSeconds(5 * step)); // at 5 s: a count afresh every 60th step, beside the other reasons
            if (reusedLists && random.Next(6) == 0)
            {
                failed++;
                continue;
            }

            var usage = EphemeralAccounting.Compute(snapshot);
            var range = usage.First(u => u.Protocol == TransportProtocol.Tcp).Range;

            // The sample builder's order: the live source's accounting first, then the rest on the same turnover.
            var keptUsage = accounting.Compute(snapshot);
            Assert.Equal(usage.Select(Describe), keptUsage.Select(Describe));

            var fullTimeWait = TimeWaitOwners.Infer(snapshot, null, range, memory.OwnerOf);
            var fullConsumers = ProcessConsumers.Compute(snapshot, usage, fullTimeWait);
            var comparable = turnover.Next(snapshot.Sockets);
            var keptTimeWait = timeWait.Infer(snapshot, turnover, comparable, range, memory.OwnerOf, memory.LastChanged);
            var keptConsumers = consumers.Compute(snapshot, usage, keptTimeWait, turnover, comparable);
            var keptStates = poolStates.Count(keptUsage, snapshot, turnover, comparable);

            Assert.Equal(Sorted(fullTimeWait), Sorted(keptTimeWait));
            Assert.Equal(fullConsumers.Select(Describe), keptConsumers.Select(Describe));
            Assert.Equal(usage.Select(pool => Counts(StatesOf(pool, snapshot))), keptStates.Select(Counts));
            kept[0] += accounting.LastWasFull ? 0 : 1;
            kept[1] += poolStates.LastWasFull ? 0 : 1;
            kept[2] += timeWait.LastWasFull ? 0 : 1;
            kept[3] += consumers.LastWasFull ? 0 : 1;
            timeWaitGroups += fullTimeWait.Count;

            memory.Remember(snapshot, _ => null, turnover, comparable);
            var fresh = largeMemory.Remember(snapshot, _ => null, turnover, comparable);
            Assert.Equal(Learn(remembered, snapshot), fresh.Select(o => (o.Local, o.Remote, o.Pid)));
            Assert.Equal(fresh.Select(o => (o.Local, o.Remote)), largeMemory.LastChanged);
        }

        // The walk must exercise each incremental path (not only fresh starts) on sockets that have owners to find
        // (the consumers start afresh while a renamed process's socket is listed: down to 109 of 400 steps).
        Assert.True(kept.All(steps => steps > 100), $"incremental steps: {string.Join(", ", kept)}");
        Assert.True(!reusedLists || failed > 30, $"{failed} failed samples");
        Assert.True(timeWaitGroups > 400, $"{timeWaitGroups} TIME_WAIT groups");
    }

    /// <summary>What a memory that never forgets learns from the snapshot: the owned ESTABLISHED 4-tuples new or under another owner.</summary>
    private static List<(Endpoint, Endpoint, int)> Learn(Dictionary<(Endpoint, Endpoint), int> remembered, Snapshot snapshot)
    {
        var learnt = new List<(Endpoint, Endpoint, int)>();
        foreach (var socket in snapshot.Sockets)
        {
            if (socket is { Protocol: TransportProtocol.Tcp, State: SocketState.Established, Pid: { } pid and > 0 } &&
                (!remembered.TryGetValue((socket.Local, socket.Remote), out var known) || known != pid))
            {
                remembered[(socket.Local, socket.Remote)] = pid;
                learnt.Add((socket.Local, socket.Remote, pid));
            }
        }

        return learnt;
    }

    /// <summary>The port configuration of a step: range start, tcp_tw_reuse, ip_local_reserved_ports.</summary>
    private sealed record PortSetup(int RangeStart, string TwReuse, string Reserved);

    /// <summary>One step: a few sockets vanish, appear, change; now and then listeners, the range, the order or a duplicate.</summary>
    private static PortSetup Walk(Random random, List<SocketEntry> sockets, PortSetup ports)
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
                ports = ports with { RangeStart = 990 + random.Next(20) };
                break;
            case 3:
                Shuffle(random, sockets);
                break;
            case 4 when sockets.Count > 0:
                sockets.Insert(0, sockets[random.Next(sockets.Count)]); // removed first by the next steps
                // A listing that cannot be compared still has new connections to remember.
                sockets.Add(Socket(SocketState.Established, "10.0.0.9", 1000 + random.Next(60), Remotes[random.Next(Remotes.Length)], RemotePorts[random.Next(RemotePorts.Length)], random.Next(1, 6)));
                break;
            case 5 when sockets.Count > 0:
                // The same process under another name (a re-exec): which name is first depends on the order.
                var named = random.Next(sockets.Count);
                sockets[named] = sockets[named] with { ProcessName = "renamed" };
                break;
            case 6:
                ports = ports with { TwReuse = TwReuse[random.Next(TwReuse.Length)] };
                break;
            case 7:
                ports = ports with { Reserved = Reserved[random.Next(Reserved.Length)] };
                break;
            case 8 when sockets.Count > 3:
                sockets.RemoveRange(3, sockets.Count - 3); // few destinations: fewer than the worst five
                break;
            default:
                break;
        }

        return ports;
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

    private static List<SocketEntry> Refill(List<SocketEntry> list, List<SocketEntry> sockets)
    {
        list.Clear();
        list.AddRange(sockets);
        return list;
    }

    private static Snapshot Snapshot(List<SocketEntry> sockets, PortSetup ports, DateTimeOffset time) => new()
    {
        Time = time,
        Host = "web1",
        Os = OsKind.Linux,
        Sockets = sockets,
        Ports = PortDoctor.Evidence.Linux.LinuxSysctl.ToConfiguration(
            new Dictionary<string, string>
            {
                [LinuxSettings.PortRangeKey] = string.Create(CultureInfo.InvariantCulture, $"{ports.RangeStart} {ports.RangeStart + 40}"),
                [LinuxSettings.TcpTwReuseKey] = ports.TwReuse,
                [LinuxSettings.ReservedPortsKey] = ports.Reserved,
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

    private static string Describe(EphemeralUsage u) => string.Join(
        " | ",
        u,
        string.Join(",", u.WorstDestinations),
        u.HeadlineDestination);

    /// <summary>The pool's sockets by state, counted here over every socket: what the kept counts must equal.</summary>
    private static Dictionary<SocketState, int> StatesOf(EphemeralUsage pool, Snapshot snapshot) => snapshot.Sockets
        .Where(s => s.Protocol == pool.Protocol && (pool.Family is null || s.Family == pool.Family) && pool.Range.Contains(s.Local.Port))
        .GroupBy(s => s.State)
        .ToDictionary(g => g.Key, g => g.Count());

    private static string Counts(IReadOnlyDictionary<SocketState, int> counts) =>
        string.Join(",", counts.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"));
}
