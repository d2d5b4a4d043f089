using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;
using Xunit;

namespace PortDoctor.Evidence.Tests.Linux;

public class LinuxSysctlTests
{
    [Theory]
    [InlineData("32768\t60999", 32768, 60999)]
    [InlineData("  1024   65535\n", 1024, 65535)]
    [InlineData("40000 40000", 40000, 40000)]
    public void Parses_port_range(string text, int start, int end)
    {
        var range = LinuxSysctl.ParsePortRange(text);
        Assert.Equal(PortRange.FromBounds(start, end), range);
    }

    [Theory]
    [InlineData("")]
    [InlineData("32768")]
    [InlineData("60999 32768")]
    [InlineData("0 100")]
    [InlineData("1000 70000")]
    [InlineData("a b")]
    [InlineData("1 2 3")]
    public void Rejects_malformed_port_range(string text) => Assert.Null(LinuxSysctl.ParsePortRange(text));

    [Fact]
    public void Parses_reserved_ports_lists()
    {
        Assert.Empty(LinuxSysctl.ParseReservedPorts("")!);
        Assert.Equal(
            [new PortRange(8080, 1), PortRange.FromBounds(9000, 9010)],
            LinuxSysctl.ParseReservedPorts("8080,9000-9010\n"));
        Assert.Null(LinuxSysctl.ParseReservedPorts("8080,x"));
        Assert.Null(LinuxSysctl.ParseReservedPorts("9010-9000"));
    }

    [Fact]
    public void Configuration_has_one_range_for_all_four_protocol_family_rows()
    {
        var config = LinuxSysctl.ToConfiguration(
            new Dictionary<string, string>
            {
                [LinuxSettings.PortRangeKey] = "10000\t10999",
                [LinuxSettings.ReservedPortsKey] = "10500",
            },
            "test");

        Assert.False(config.IsAssumedDefault);
        Assert.Equal(4, config.Dynamic.Count);
        Assert.All(config.Dynamic, d => Assert.Equal(new PortRange(10000, 1000), d.Range));
        Assert.Equal(new PortRange(10500, 1), Assert.Single(config.Excluded).Range);
    }

    [Fact]
    public void Missing_range_is_marked_as_assumed_default()
    {
        var config = LinuxSysctl.ToConfiguration(new Dictionary<string, string>(), "test");
        Assert.True(config.IsAssumedDefault);
        Assert.Equal(LinuxSettings.DefaultRange, config.Find(TransportProtocol.Tcp, IpFamily.IPv6)!.Range);
    }
}
