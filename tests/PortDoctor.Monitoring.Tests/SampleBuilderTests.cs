using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using Xunit;
using static PortDoctor.Monitoring.Tests.Hosts;

namespace PortDoctor.Monitoring.Tests;

public sealed class SampleBuilderTests
{
    private static readonly DateTimeOffset Started = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private static SampleBuilder Builder() => new(pid => Started.AddSeconds(pid));

    [Fact]
    public void A_pool_has_its_capacity_ports_states_and_worst_destination()
    {
        var sample = Builder().Build(Observe(Start, [.. Leak(20, 40000, 30), Tcp(SocketState.TimeWait, 40050, "10.0.0.8", 80, null)]), SampleCost.None);

        var tcp = sample.Pools.Single(p => p.Protocol == TransportProtocol.Tcp);
        Assert.Equal(100, tcp.Capacity);
        Assert.Equal(30, tcp.PortsInUse);
        Assert.Equal(30, tcp.ByState[SocketState.Established]);
        Assert.Equal(1, tcp.ByState[SocketState.TimeWait]);
        Assert.Equal(new Endpoint("10.0.0.7", 5432), tcp.WorstDestinations[0].Remote);
        Assert.Equal(30, tcp.WorstDestinations[0].Ports);
        Assert.Equal(30.0, sample.Headline!.UtilizationPercent);
    }

    [Fact]
    public void Processes_are_the_top_twenty_by_ports_with_their_start_time()
    {
        var sockets = Enumerable.Range(1, 25).SelectMany(pid => Leak(pid, 40000 + ((pid - 1) * 3), pid % 3 + 1));
        var sample = Builder().Build(Observe(Start, sockets), SampleCost.None);

        Assert.Equal(20, sample.Processes.Count);
        Assert.True(sample.Processes.Zip(sample.Processes.Skip(1)).All(p => p.First.Ports >= p.Second.Ports));
        Assert.Equal(3, sample.Processes[0].Ports);
        Assert.Equal(Started.AddSeconds(sample.Processes[0].Pid), sample.Processes[0].StartTime);
        Assert.Equal("proc" + sample.Processes[0].Pid, sample.Processes[0].Name);
    }

    [Fact]
    public void A_process_carries_the_remotes_it_holds_the_most_ports_toward_most_first()
    {
        var sockets = Leak(20, 40000, 5)
            .Concat(Enumerable.Range(40010, 7).Select(port => Tcp(SocketState.Established, port, "10.0.0.9", 443, 20)))
            .Concat(Enumerable.Range(40020, 2).Select(port => Tcp(SocketState.CloseWait, port, "10.0.0.3", 80, 20)))
            .Append(Tcp(SocketState.Established, 40030, "10.0.0.4", 80, 20));

        var process = Assert.Single(Builder().Build(Observe(Start, sockets), SampleCost.None).Processes);

        DestinationShare[] expected = [new(new Endpoint("10.0.0.9", 443), 7), new(new Endpoint("10.0.0.7", 5432), 5), new(new Endpoint("10.0.0.3", 80), 2)];
        Assert.Equal(expected, process.Destinations);
    }

    [Fact]
    public void A_time_wait_is_owned_by_the_process_an_earlier_sample_saw_holding_its_4_tuple()
    {
        var builder = Builder();
        builder.Build(Observe(Start, Leak(20, 40000, 2)), SampleCost.None);
        var closed = Observe(Start.AddSeconds(1), [Tcp(SocketState.TimeWait, 40000, "10.0.0.7", 5432, null), Tcp(SocketState.TimeWait, 40001, "10.0.0.7", 5432, null)]);

        var later = builder.Build(closed, SampleCost.None);
        var withoutHistory = Builder().Build(closed, SampleCost.None);

        var owner = Assert.Single(later.Processes);
        Assert.Equal(20, owner.Pid);
        Assert.Equal(2, owner.Ports);
        Assert.Equal(2, owner.ByState[SocketState.TimeWait]);
        Assert.Empty(withoutHistory.Processes);
    }

    [Fact]
    public void A_sample_stores_only_the_4_tuples_not_seen_before()
    {
        var builder = Builder();
        var first = builder.Build(Observe(Start, Leak(20, 40000, 3)), SampleCost.None);
        var second = builder.Build(Observe(Start.AddSeconds(1), Leak(20, 40000, 4)), SampleCost.None);

        Assert.Equal(3, first.Connections.Count);
        var fresh = Assert.Single(second.Connections);
        Assert.Equal(40003, fresh.Local.Port);
        Assert.Equal(Started.AddSeconds(20), fresh.ProcessStart);
    }

    [Fact]
    public void The_4_tuple_memory_past_its_capacity_forgets_those_closed_longest_ago_and_never_one_still_listed()
    {
        var memory = new ConnectionMemory(capacity: 5);
        var first = Leak(20, 40000, 6).ToList();
        memory.Remember(Observe(Start, first).Snapshot, _ => null);
        Assert.Equal(6, memory.Count); // all six listed: none forgotten, past the capacity

        memory.Remember(Observe(Start.AddSeconds(1), first.Skip(1)).Snapshot, _ => null); // 40000 closes
        Assert.Equal(5, memory.Count);
        Assert.Null(memory.OwnerOf(new Endpoint("10.0.0.5", 40000), new Endpoint("10.0.0.7", 5432)));

        // 40001 and 40002 close (in that order), one opens: one closed 4-tuple too many.
        memory.Remember(Observe(Start.AddSeconds(2), [.. first.Skip(3), .. Leak(21, 41000, 1)]).Snapshot, _ => null);
        Assert.Equal(5, memory.Count);
        Assert.Null(memory.OwnerOf(new Endpoint("10.0.0.5", 40001), new Endpoint("10.0.0.7", 5432))); // closed first: forgotten
        Assert.Equal(20, memory.OwnerOf(new Endpoint("10.0.0.5", 40002), new Endpoint("10.0.0.7", 5432)));
        Assert.True(memory.IsClosed(new Endpoint("10.0.0.5", 40002), new Endpoint("10.0.0.7", 5432)));
        Assert.Equal(20, memory.OwnerOf(new Endpoint("10.0.0.5", 40005), new Endpoint("10.0.0.7", 5432)));
        Assert.False(memory.IsClosed(new Endpoint("10.0.0.5", 40005), new Endpoint("10.0.0.7", 5432)));
        Assert.Equal(21, memory.OwnerOf(new Endpoint("10.0.0.5", 41000), new Endpoint("10.0.0.7", 5432)));
    }

    [Fact]
    public void Kernel_counters_are_deltas_since_the_previous_sample_and_none_on_the_first()
    {
        var builder = Builder();
        var first = builder.Build(Observe(Start, [], new Dictionary<string, long> { ["TCPTimeWaitOverflow"] = 5, ["ListenDrops"] = 1 }), SampleCost.None);
        var second = builder.Build(Observe(Start.AddSeconds(1), [], new Dictionary<string, long> { ["TCPTimeWaitOverflow"] = 12, ["ListenDrops"] = 1 }), SampleCost.None);

        Assert.Empty(first.KernelCounterDeltas);
        Assert.Equal(new Dictionary<string, long> { ["TCPTimeWaitOverflow"] = 7 }, second.KernelCounterDeltas);
    }

    [Fact]
    public void Events_count_only_those_after_the_previous_sample()
    {
        var builder = Builder();
        PortEvent At(int seconds, int count) => new(Start.AddSeconds(seconds), "Tcpip", 4231, "no port") { Count = count };
        var first = builder.Build(Observe(Start, [], events: [At(-30, 2)]), SampleCost.None);
        var second = builder.Build(Observe(Start.AddSeconds(60), [], events: [At(-30, 2), At(10, 3), At(50, 1)]), SampleCost.None);

        Assert.Equal(2, first.EventsSinceLast);
        Assert.Equal(4, second.EventsSinceLast);
    }

    [Fact]
    public void The_probe_kept_is_a_failing_one_when_any_failed()
    {
        var observation = Observe(Start, []);
        observation = observation with
        {
            Snapshot = observation.Snapshot with
            {
                Probes = [new ProbeResult("bind :0", ProbeOutcome.Succeeded), new ProbeResult("127.0.0.1:80", ProbeOutcome.AddressUnavailable) { NativeError = 99 }],
            },
        };

        var sample = Builder().Build(observation, new SampleCost(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(3)));

        Assert.Equal(ProbeOutcome.AddressUnavailable, sample.Probe!.Outcome);
        Assert.Equal(TimeSpan.FromMilliseconds(3), sample.Cost.Cpu);
    }

    [Fact]
    public void The_usage_the_source_computed_gives_the_same_sample_as_counting_again()
    {
        var observation = Observe(Start, [.. Leak(20, 40000, 30), Tcp(SocketState.TimeWait, 40050, "10.0.0.8", 80, null)]);
        var handed = observation with { Context = observation.Context with { Usage = new ComputedUsage(observation.Snapshot, EphemeralAccounting.Compute(observation.Snapshot)) } };

        var counted = Builder().Build(observation, SampleCost.None);
        var reused = Builder().Build(handed, SampleCost.None);

        Assert.Equal(Describe(counted), Describe(reused));
        Assert.Equal(30, reused.Pools.Single(p => p.Protocol == TransportProtocol.Tcp).PortsInUse);
    }

    [Fact]
    public void The_usage_handed_over_is_used_for_its_own_snapshot_and_not_for_another()
    {
        var observation = Observe(Start, Leak(20, 40000, 30));
        var other = Observe(Start, Leak(20, 40000, 5)).Snapshot;
        // A usage that differs from the truth tells which one the sample took.
        var marked = EphemeralAccounting.Compute(other);

        var taken = Builder().Build(observation with { Context = observation.Context with { Usage = new ComputedUsage(observation.Snapshot, marked) } }, SampleCost.None);
        var refused = Builder().Build(observation with { Context = observation.Context with { Usage = new ComputedUsage(other, marked) } }, SampleCost.None);

        Assert.Equal(5, taken.Pools.Single(p => p.Protocol == TransportProtocol.Tcp).PortsInUse);
        Assert.Equal(30, refused.Pools.Single(p => p.Protocol == TransportProtocol.Tcp).PortsInUse);
    }

    private static string Describe(HostSample sample) =>
        string.Join(
            "|",
            sample.Pools.Select(p => $"{p.Protocol} {p.Family} {p.Capacity} {p.PortsInUse} {string.Join(",", p.ByState.OrderBy(s => s.Key))} {string.Join(",", p.WorstDestinations.Select(d => $"{d.Remote} {d.Ports} {d.TimeWait}"))}")
                .Concat(sample.Processes.Select(p => $"{p.Pid} {p.Ports} {string.Join(",", p.ByState.OrderBy(s => s.Key))}")));
}
