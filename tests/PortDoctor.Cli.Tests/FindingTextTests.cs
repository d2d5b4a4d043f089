using PortDoctor.Cli.Output.Diagnose;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>Findings in words where the numbers alone would mislead.</summary>
public class FindingTextTests
{
    [Fact]
    public void A_pool_whose_every_port_holds_reusable_time_wait_says_a_bind_finds_none_though_a_connect_does()
    {
        // Seen live: a loop that connects and closes on loopback leaves every port in TIME_WAIT; connect
        // reuses them (tcp_tw_reuse), bind(port 0) fails with EADDRINUSE. "0 of 500 in use" alone reads as idle.
        var pool = new EphemeralUsage(TransportProtocol.Tcp, null, new PortRange(40000, 500))
        {
            Capacity = 500,
            DistinctPortsHeld = 500,
            HeadlinePorts = 0,
            ReusableTimeWait = 500,
        };

        Assert.Equal(
            "TCP range 40000-40499: 0 of 500 ports in use (0%) across all destinations; 500 of 500 hold a socket, 500 TIME_WAIT a connect may reuse: a bind to port 0 finds none free",
            FindingText.Render(new PoolUsageFinding(pool), OsKind.Linux));
    }

    [Fact]
    public void A_pool_where_a_connect_and_a_bind_see_the_same_ports_says_it_once()
    {
        var pool = new EphemeralUsage(TransportProtocol.Tcp, IpFamily.IPv4, new PortRange(49152, 16384)) { Capacity = 16384, DistinctPortsHeld = 900, HeadlinePorts = 900 };

        Assert.Equal("TCP IPv4 range 49152-65535: 900 of 16384 ports in use (5.5%) across all destinations", FindingText.Render(new PoolUsageFinding(pool), OsKind.Windows));
    }

    [Fact]
    public void A_pool_with_one_port_held_says_port_not_ports()
    {
        var one = new EphemeralUsage(TransportProtocol.Tcp, null, new PortRange(32768, 28232)) { Capacity = 28232, DistinctPortsHeld = 1, HeadlinePorts = 1, GlobalPressure = 0 };
        var two = one with { DistinctPortsHeld = 2 };

        Assert.Equal("TCP range 32768-60999: capacity 28232, 1 distinct port held, 0 held exclusively", FindingText.Render(new PoolDetailFinding(one), OsKind.Linux));
        Assert.Equal("TCP range 32768-60999: capacity 28232, 2 distinct ports held, 0 held exclusively", FindingText.Render(new PoolDetailFinding(two), OsKind.Linux));
    }
}
