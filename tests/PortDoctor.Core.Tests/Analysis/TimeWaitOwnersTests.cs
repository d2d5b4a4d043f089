using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Core.Tests.Analysis;

public class TimeWaitOwnersTests
{
    [Fact]
    public void The_same_4_tuple_owned_earlier_gives_high_confidence()
    {
        var earlier = SnapshotFixture.Linux().Process(70, "old").Outbound(5, SocketState.Established, "10.1.1.1", 80, 70)
            .Build(new DateTimeOffset(2026, 11, 25, 1, 59, 0, TimeSpan.Zero));
        var now = SnapshotFixture.Linux().Outbound(5, SocketState.TimeWait, "10.1.1.1", 80, null).Build();

        var owner = Assert.Single(TimeWaitOwners.Infer(now, [earlier]));

        Assert.Equal((70, 5, AttributionConfidence.High), (owner.Pid, owner.Count, owner.Confidence));
    }

    [Fact]
    public void Several_live_processes_on_the_remote_give_the_busiest_with_low_confidence()
    {
        var snapshot = SnapshotFixture.Linux().Process(1, "a").Process(2, "b")
            .Outbound(2, SocketState.Established, "10.1.1.1", 80, 1)
            .Outbound(5, SocketState.Established, "10.1.1.1", 80, 2, offset: 10)
            .Outbound(4, SocketState.TimeWait, "10.1.1.1", 80, null, offset: 100)
            .Outbound(3, SocketState.TimeWait, "10.200.0.1", 25, null, offset: 200)
            .Build();

        var owners = TimeWaitOwners.Infer(snapshot);

        Assert.Equal((2, 4, AttributionConfidence.Low), (owners[0].Pid, owners[0].Count, owners[0].Confidence));
        Assert.Equal((null, 3, AttributionConfidence.None), (owners[1].Pid, owners[1].Count, owners[1].Confidence));
    }

    [Fact]
    public void Several_live_processes_none_with_most_of_the_connections_give_no_owner()
    {
        // Seen live: 400 orphaned FIN_WAIT_2 of exited per-request processes were charged to one of the
        // 200 processes then connected (2 connections each), which became the culprit, pattern closing.
        var fixture = SnapshotFixture.Linux();
        for (var pid = 1; pid <= 20; pid++)
        {
            fixture.Process(pid, "fetch").Outbound(2, SocketState.Established, "10.1.1.1", 80, pid, offset: 2 * pid);
        }

        var owners = TimeWaitOwners.Infer(fixture.Outbound(40, SocketState.TimeWait, "10.1.1.1", 80, null, offset: 100).Build());

        var owner = Assert.Single(owners);
        Assert.Equal((null, 40, AttributionConfidence.None), (owner.Pid, owner.Count, owner.Confidence));
        Assert.StartsWith("20 live processes", owner.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_port_of_the_same_address_names_its_process_but_never_on_loopback()
    {
        // Seen live: a loop's TIME_WAIT toward 127.0.0.1:8081 was charged to a process holding 300
        // connections to 127.0.0.1:8080; every local connection shares 127.0.0.1, which tells nothing.
        var snapshot = SnapshotFixture.Linux().Process(1, "holder")
            .Outbound(300, SocketState.Established, "127.0.0.1", 8080, 1)
            .Outbound(40, SocketState.Established, "10.1.1.1", 80, 1, offset: 300)
            .Outbound(20, SocketState.TimeWait, "127.0.0.1", 8081, null, offset: 400)
            .Outbound(5, SocketState.TimeWait, "10.1.1.1", 443, null, offset: 500)
            .Build();

        var owners = TimeWaitOwners.Infer(snapshot);

        Assert.Equal(((int?)null, 20, AttributionConfidence.None), owners.Where(o => o.Remote.Port == 8081).Select(o => (o.Pid, o.Count, o.Confidence)).Single());
        Assert.Equal(((int?)1, 5, AttributionConfidence.Low), owners.Where(o => o.Remote.Port == 443).Select(o => (o.Pid, o.Count, o.Confidence)).Single());
    }

    [Fact]
    public void TimeWait_on_a_listener_port_belongs_to_the_server()
    {
        var snapshot = SnapshotFixture.Linux().Process(80, "nginx")
            .Socket(SocketState.Listen, "0.0.0.0", 8080, "0.0.0.0", 0, 80)
            .Socket(SocketState.TimeWait, "10.0.0.5", 8080, "10.3.3.3", 51000)
            .Build();

        var owner = Assert.Single(TimeWaitOwners.Infer(snapshot));

        Assert.Equal((80, AttributionConfidence.Medium), (owner.Pid, owner.Confidence));
    }

    [Fact]
    public void Windows_TimeWait_rows_under_pid_0_are_ownerless_and_inferred_like_the_rest()
    {
        var snapshot = new SnapshotFixture(OsKind.Windows, new PortRange(49152, 16384)).Process(600, "agent.exe")
            .Outbound(2, SocketState.Established, "10.5.5.5", 445, 600)
            .Outbound(40, SocketState.TimeWait, "10.5.5.5", 445, 0, offset: 10)
            .Build();

        var owner = Assert.Single(TimeWaitOwners.Infer(snapshot));
        var consumers = ProcessConsumers.Compute(snapshot, EphemeralAccounting.Compute(snapshot), [owner]);

        Assert.Equal((600, 40, AttributionConfidence.Medium), (owner.Pid, owner.Count, owner.Confidence));
        Assert.DoesNotContain(consumers, c => c.Pid == 0);
        Assert.Equal(42, consumers.Single(c => c.Pid == 600).EphemeralPorts);
    }
}
