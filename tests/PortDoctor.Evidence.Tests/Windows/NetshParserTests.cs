using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Windows;
using Xunit;

namespace PortDoctor.Evidence.Tests.Windows;

public class NetshParserTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Netsh", name));

    [Theory]
    [InlineData("dynamicport-ipv4-tcp.en.txt", TransportProtocol.Tcp, 49152, 16384)]
    [InlineData("dynamicport-ipv4-tcp.de.txt", TransportProtocol.Tcp, 10000, 1000)]
    [InlineData("dynamicport-ipv6-udp.ja.txt", TransportProtocol.Udp, 49152, 16384)]
    public void Reads_the_dynamic_range_in_each_language(string file, TransportProtocol protocol, int start, int count)
    {
        var range = Assert.Single(NetshDynamicPortParser.Parse(Fixture(file), IpFamily.IPv6, file));
        Assert.Equal(new DynamicPortRange(protocol, IpFamily.IPv6, new PortRange(start, count)), range);
    }

    [Fact]
    public void Reads_several_blocks_with_their_protocols()
    {
        var ranges = NetshDynamicPortParser.Parse(Fixture("dynamicport-both.en.txt"), IpFamily.IPv4);
        Assert.Equal(
            [
                new DynamicPortRange(TransportProtocol.Tcp, IpFamily.IPv4, new PortRange(49152, 16384)),
                new DynamicPortRange(TransportProtocol.Udp, IpFamily.IPv4, PortRange.FromBounds(1025, 5000)),
            ],
            ranges);
    }

    [Fact]
    public void Unknown_labels_are_read_by_their_order()
    {
        var text = "Protocole tcp\n-----\nEtikett eins : 20000\nEtikett zwei : 500\n";
        var range = Assert.Single(NetshDynamicPortParser.Parse(text, IpFamily.IPv4));
        Assert.Equal(new PortRange(20000, 500), range.Range);
    }

    [Fact]
    public void An_echoed_prompt_names_the_protocol()
    {
        const string text = "C:\\> netsh int ipv6 show dynamicport udp\r\n\r\nStart Port : 50000\r\nNumber of Ports : 255\r\n";
        var range = Assert.Single(NetshDynamicPortParser.Parse(text, IpFamily.IPv6));
        Assert.Equal(new DynamicPortRange(TransportProtocol.Udp, IpFamily.IPv6, new PortRange(50000, 255)), range);
    }

    [Fact]
    public void Empty_output_gives_no_range() =>
        Assert.Empty(NetshDynamicPortParser.Parse("", IpFamily.IPv4));

    [Fact]
    public void A_start_without_a_count_names_the_file_and_line()
    {
        var ex = Assert.Throws<PortDoctorException>(() =>
            NetshDynamicPortParser.Parse(Fixture("dynamicport-truncated.txt"), IpFamily.IPv4, "dyn.txt"));
        Assert.Equal("dyn.txt:4: a start port without its number of ports", ex.Message);
        Assert.Equal(ExitCode.BadInput, ex.Code);
    }

    [Fact]
    public void A_count_that_runs_past_65535_is_refused()
    {
        var ex = Assert.Throws<PortDoctorException>(() =>
            NetshDynamicPortParser.Parse("Protocol tcp\nStart Port : 65000\nNumber of Ports : 1000\n", IpFamily.IPv4, "x"));
        Assert.StartsWith("x:3: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_without_a_protocol_uses_the_default_or_is_refused()
    {
        const string text = "Start Port : 49152\nNumber of Ports : 16384\n";
        Assert.Throws<PortDoctorException>(() => NetshDynamicPortParser.Parse(text, IpFamily.IPv4));
        var range = Assert.Single(NetshDynamicPortParser.Parse(text, IpFamily.IPv4, defaultProtocol: TransportProtocol.Udp));
        Assert.Equal(TransportProtocol.Udp, range.Protocol);
    }

    [Fact]
    public void Reads_excluded_ranges_with_the_administered_mark()
    {
        var ranges = NetshExcludedPortParser.Parse(Fixture("excludedportrange-ipv4-tcp.en.txt"), IpFamily.IPv4);
        Assert.Equal(3, ranges.Count);
        Assert.Equal(new ExcludedPortRange(TransportProtocol.Tcp, IpFamily.IPv4, PortRange.FromBounds(1080, 1179)), ranges[0]);
        Assert.Equal(PortRange.FromBounds(5357, 5357), ranges[1].Range);
        Assert.False(ranges[1].Administered);
        Assert.Equal(PortRange.FromBounds(50000, 50059), ranges[2].Range);
        Assert.True(ranges[2].Administered);
    }

    [Fact]
    public void Reads_excluded_ranges_in_german()
    {
        var ranges = NetshExcludedPortParser.Parse(Fixture("excludedportrange-ipv4-tcp.de.txt"), IpFamily.IPv4);
        Assert.Equal([PortRange.FromBounds(2869, 2869), PortRange.FromBounds(49709, 49808)], ranges.Select(r => r.Range));
        Assert.All(ranges, r => Assert.Equal(TransportProtocol.Tcp, r.Protocol));
    }

    [Fact]
    public void An_empty_exclusion_table_gives_nothing() =>
        Assert.Empty(NetshExcludedPortParser.Parse(Fixture("excludedportrange-ipv6-udp-empty.en.txt"), IpFamily.IPv6));

    [Fact]
    public void A_backwards_exclusion_row_names_the_file_and_line()
    {
        var ex = Assert.Throws<PortDoctorException>(() =>
            NetshExcludedPortParser.Parse(Fixture("excludedportrange-garbled.txt"), IpFamily.IPv4, "ex.txt"));
        Assert.StartsWith("ex.txt:6: '5000 4000' is not a port range", ex.Message, StringComparison.Ordinal);
    }
}
