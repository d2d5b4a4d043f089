using PortDoctor.Core.Connections;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;
using Xunit;

namespace PortDoctor.Core.Tests.Connections;

public class ConnectionFilterTests
{
    private static readonly PortConfiguration Ports = LinuxSysctl.ToConfiguration(
        new Dictionary<string, string> { [LinuxSettings.PortRangeKey] = "40000 40999" }, "test");

    private static SocketEntry Socket(int localPort, SocketState state = SocketState.Established, TransportProtocol protocol = TransportProtocol.Tcp) =>
        new(protocol, IpFamily.IPv4, state, new Endpoint("10.0.0.5", localPort), new Endpoint("10.0.0.7", 443)) { Pid = 7, ProcessName = "app.exe" };

    [Fact]
    public void Ephemeral_means_inside_the_dynamic_range_of_the_protocol_and_family()
    {
        var filter = new ConnectionFilter { EphemeralOnly = true };
        Assert.True(filter.Matches(Socket(40000), Ports));
        Assert.True(filter.Matches(Socket(40999), Ports));
        Assert.False(filter.Matches(Socket(41000), Ports));
        Assert.False(filter.Matches(Socket(40500), ports: null)); // no range known: nothing is ephemeral
    }

    [Fact]
    public void Empty_filter_keeps_everything_and_each_set_filter_must_match()
    {
        Assert.True(new ConnectionFilter().Matches(Socket(1), null));
        var filter = new ConnectionFilter
        {
            States = new HashSet<SocketState> { SocketState.Established },
            Protocol = TransportProtocol.Tcp,
            ProcessNames = ["APP"],
        };
        Assert.True(filter.Matches(Socket(1), null));
        Assert.False(filter.Matches(Socket(1, SocketState.TimeWait), null));
        Assert.False(filter.Matches(Socket(1, protocol: TransportProtocol.Udp), null));
    }

    [Fact]
    public void Port_filter_matches_local_or_remote()
    {
        var filter = new ConnectionFilter { Ports = [new PortRange(443, 1)] };
        Assert.True(filter.Matches(Socket(50000), null));
        var other = new ConnectionFilter { Ports = [PortRange.FromBounds(50000, 50010)] };
        Assert.True(other.Matches(Socket(50005), null));
        Assert.False(other.Matches(Socket(50011), null));
    }
}
