using PortDoctor.Core.Model;
using PortDoctor.Core.Ranges;
using PortDoctor.Evidence.Windows;
using Xunit;

namespace PortDoctor.Core.Tests.Windows;

public class NetshArgumentsTests
{
    [Fact]
    public void Set_is_the_guides_command_as_separate_arguments()
    {
        var args = NetshArguments.SetDynamicPort(IpFamily.IPv4, TransportProtocol.Tcp, new PortRange(10000, 1000));
        Assert.Equal(["int", "ipv4", "set", "dynamicport", "tcp", "start=10000", "num=1000"], args);
        Assert.Equal("netsh int ipv4 set dynamicport tcp start=10000 num=1000", NetshArguments.Display(args));
    }

    [Fact]
    public void Show_commands_name_family_and_protocol()
    {
        Assert.Equal(["int", "ipv6", "show", "dynamicport", "udp"], NetshArguments.ShowDynamicPort(IpFamily.IPv6, TransportProtocol.Udp));
        Assert.Equal(["int", "ipv4", "show", "excludedportrange", "tcp"], NetshArguments.ShowExcludedPortRange(IpFamily.IPv4, TransportProtocol.Tcp));
    }
}
