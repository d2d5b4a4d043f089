using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Core.Tests.Analysis;

public class EphemeralAccountingTests
{
    [Fact]
    public void Linux_sockets_sharing_local_ports_toward_different_destinations_are_not_exhaustion()
    {
        // 2,000 connections on only 500 local ports: each port is reused toward four destinations.
        var fixture = SnapshotFixture.Linux().Process(100, "app");
        foreach (var remote in new[] { "10.1.0.1", "10.1.0.2", "10.1.0.3", "10.1.0.4" })
        {
            fixture.Outbound(500, SocketState.Established, remote, 443, 100);
        }

        var diagnosis = Diagnostician.Diagnose(fixture.Build());
        var tcp = diagnosis.Usage.Single(u => u.Protocol == TransportProtocol.Tcp);

        Assert.Equal(1000, tcp.Capacity);
        Assert.Equal(500, tcp.DistinctPortsHeld);
        Assert.Equal(0, tcp.GlobalPressure);
        Assert.Equal(500, tcp.HeadlinePorts);
        Assert.Equal(50, tcp.UtilizationPercent);
        Assert.Equal(4, tcp.WorstDestinations.Count);
        Assert.All(tcp.WorstDestinations, d => Assert.Equal(500, d.Ports));
        Assert.Equal(Verdict.Healthy, diagnosis.Verdict);
    }

    [Fact]
    public void Linux_one_destination_using_every_port_is_exhausted_and_names_that_destination()
    {
        var snapshot = SnapshotFixture.Linux().Process(7, "crawler")
            .Outbound(1000, SocketState.Established, "10.9.9.9", 80, 7)
            .Outbound(10, SocketState.Established, "10.9.9.10", 80, 7)
            .Build();

        var diagnosis = Diagnostician.Diagnose(snapshot);

        Assert.Equal(Verdict.Exhausted, diagnosis.Verdict);
        Assert.Equal("10.0.0.5 -> 10.9.9.9:80", diagnosis.Headline!.HeadlineScope);
        Assert.Equal(new Endpoint("10.9.9.9", 80), diagnosis.Headline.WorstDestinations[0].Remote);
        var culprit = Assert.Single(diagnosis.Culprits);
        Assert.Equal(7, culprit.Pid);
        Assert.Equal(LeakPattern.Established, culprit.Pattern);
        Assert.Equal(1010, culprit.Counts[LeakPattern.Established]);
    }

    [Fact]
    public void Linux_bound_sockets_and_listeners_are_global_pressure_added_to_each_destination()
    {
        var fixture = SnapshotFixture.Linux().Process(5, "binder").Process(6, "client");
        for (var i = 0; i < 600; i++)
        {
            fixture.Socket(SocketState.Bound, "0.0.0.0", 40000 + i, "0.0.0.0", 0, 5);
        }

        fixture.Socket(SocketState.Listen, "0.0.0.0", 40600, "0.0.0.0", 0, 6)
            .Outbound(200, SocketState.Established, "10.2.2.2", 5432, 6, offset: 700);

        var tcp = EphemeralAccounting.Compute(fixture.Build()).Single(u => u.Protocol == TransportProtocol.Tcp);

        Assert.Equal(601, tcp.GlobalPressure);
        Assert.Equal(801, tcp.HeadlinePorts);
        Assert.Equal(80.1, tcp.UtilizationPercent);
    }

    [Fact]
    public void Linux_a_port_is_counted_once_per_destination_and_once_in_the_union_with_bound_ports()
    {
        var fixture = SnapshotFixture.Linux().Process(5, "app");
        fixture.Socket(SocketState.Bound, "0.0.0.0", 40001, "0.0.0.0", 0, 5)
            .Socket(SocketState.Established, "10.0.0.5", 40001, "10.3.3.3", 80, 5) // a bound port then connected: held once
            .Socket(SocketState.Established, "10.0.0.5", 40002, "10.3.3.3", 80, 5)
            .Socket(SocketState.TimeWait, "10.0.0.5", 40002, "10.3.3.3", 80, null) // the same 4-tuple's TIME_WAIT: one port
            .Socket(SocketState.Established, "10.0.0.5", 40003, "10.3.3.3", 80, 5)
            .Socket(SocketState.Established, "10.0.0.5", 40003, "10.3.3.4", 80, 5);

        var tcp = EphemeralAccounting.Compute(fixture.Build()).Single(u => u.Protocol == TransportProtocol.Tcp);

        Assert.Equal(3, tcp.DistinctPortsHeld);
        Assert.Equal(1, tcp.GlobalPressure);
        Assert.Equal(3, tcp.WorstDestinations[0].Ports);
        Assert.Equal(1, tcp.WorstDestinations[0].TimeWait);
        Assert.Equal(1, tcp.WorstDestinations[1].Ports);
        Assert.Equal(3, tcp.HeadlinePorts); // 40001 bound + 40002 and 40003 toward 10.3.3.3:80, 40001 not twice
    }

    [Fact]
    public void Accepted_connections_on_a_listener_port_inside_the_range_are_not_ephemeral()
    {
        var fixture = SnapshotFixture.Linux().Process(9, "server");
        fixture.Socket(SocketState.Listen, "0.0.0.0", 40500, "0.0.0.0", 0, 9);
        for (var i = 0; i < 900; i++)
        {
            fixture.Socket(SocketState.Established, "10.0.0.5", 40500, "10.3.0.1", 20000 + i, 9);
        }

        var diagnosis = Diagnostician.Diagnose(fixture.Build());

        Assert.Equal(1, diagnosis.Headline!.HeadlinePorts);
        Assert.Empty(diagnosis.Culprits);
        Assert.Equal(Verdict.Healthy, diagnosis.Verdict);
    }

    [Fact]
    public void Reserved_ports_reduce_capacity()
    {
        var snapshot = SnapshotFixture.Linux().Exclude(PortRange.FromBounds(40100, 40199)).Build();

        var tcp = EphemeralAccounting.Compute(snapshot).Single(u => u.Protocol == TransportProtocol.Tcp);

        Assert.Equal(900, tcp.Capacity);
    }

    [Fact]
    public void TimeWait_the_kernel_may_reuse_is_left_out_of_the_pressure()
    {
        var snapshot = SnapshotFixture.Linux().Setting("net.ipv4.tcp_tw_reuse", "1")
            .Outbound(950, SocketState.TimeWait, "10.4.4.4", 80, pid: null)
            .Build();

        var tcp = EphemeralAccounting.Compute(snapshot).Single(u => u.Protocol == TransportProtocol.Tcp);

        Assert.Equal(950, tcp.ReusableTimeWait);
        Assert.Equal(0, tcp.HeadlinePorts);
    }

    [Fact]
    public void Windows_counts_distinct_local_ports_of_every_state_in_one_pool_per_family()
    {
        var fixture = new SnapshotFixture(OsKind.Windows, new PortRange(49152, 16384)).Process(4242, "agent.exe");
        fixture.Outbound(8000, SocketState.TimeWait, "10.5.5.5", 445, null)
            .Outbound(4000, SocketState.Established, "10.5.5.6", 445, 4242, offset: 8000)
            .Outbound(2000, SocketState.Bound, "0.0.0.0", 0, 4242, offset: 12000);

        var diagnosis = Diagnostician.Diagnose(fixture.Build());
        var v4 = diagnosis.Usage.Single(u => u.Protocol == TransportProtocol.Tcp && u.Family == IpFamily.IPv4);

        Assert.Equal(14000, v4.DistinctPortsHeld);
        Assert.Equal(14000, v4.HeadlinePorts);
        Assert.Equal(85.4, v4.UtilizationPercent);
        Assert.Equal(Verdict.AtRisk, diagnosis.Verdict);
        var widen = diagnosis.Remediation.Single(r => r.Command is not null);
        Assert.Equal("netsh int ipv4 set dynamicport tcp start=32768 num=32768", widen.Command);
        Assert.Contains("portdoctor range set --start 32768 --count 32768 --protocol tcp --family ipv4 --yes", widen.Text, StringComparison.Ordinal);
        Assert.Contains("only delays the recurrence", widen.Text, StringComparison.Ordinal);
        Assert.Equal("last-resort", diagnosis.Remediation[^1].Kind);
    }

    [Fact]
    public void Linux_IPv4_and_IPv6_sockets_share_one_port_space_per_protocol()
    {
        var fixture = SnapshotFixture.Linux().Process(8, "dual");
        fixture.Outbound(300, SocketState.Bound, "0.0.0.0", 0, 8);
        var v4 = fixture.Build();
        var both = v4 with
        {
            Sockets =
            [
                .. v4.Sockets,
                .. Enumerable.Range(0, 300).Select(i => new SocketEntry(
                    TransportProtocol.Tcp, IpFamily.IPv6, SocketState.Bound, new Endpoint("::", 40500 + i), Endpoint.AnyV6) { Pid = 8 }),
            ],
        };

        var usage = EphemeralAccounting.Compute(both);

        var tcp = Assert.Single(usage, u => u.Protocol == TransportProtocol.Tcp);
        Assert.Null(tcp.Family);
        Assert.Equal(600, tcp.GlobalPressure);
    }
}
