using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed class NetshTests
{
    [Fact]
    public void English_dynamicport_gives_tcp_and_udp_ranges_and_no_assumed_default()
    {
        var evidence = Fixture.Read("Netsh/dynamicport.en.txt");
        var ports = evidence.Ports;

        Assert.Equal("netsh", evidence.Sources[0].Format);
        Assert.Equal(2, evidence.Sources[0].Ranges);
        Assert.False(ports.IsAssumedDefault);
        Assert.Equal(new PortRange(10000, 1000), ports.Find(TransportProtocol.Tcp, IpFamily.IPv4)!.Range);
        Assert.Equal(new PortRange(49152, 16384), ports.Find(TransportProtocol.Udp, IpFamily.IPv4)!.Range);
        Assert.Equal(new PortRange(10000, 1000), ports.Find(TransportProtocol.Tcp, IpFamily.IPv6)!.Range);
        Assert.DoesNotContain(evidence.Notes, n => n.Kind is NoteKind.WindowsRangeAssumed or NoteKind.NetshGaveNoRange);
    }

    [Fact]
    public void German_output_with_echoed_commands_sets_the_family_from_the_command()
    {
        var ports = Fixture.Read("Netsh/dynamicport.de.cp850.txt").Ports;

        Assert.Equal(new PortRange(49152, 16384), ports.Find(TransportProtocol.Tcp, IpFamily.IPv4)!.Range);
        Assert.Equal(new PortRange(50000, 10000), ports.Find(TransportProtocol.Tcp, IpFamily.IPv6)!.Range);
    }

    [Theory]
    [InlineData("Netsh/dynamicport.ru.cp866.txt", "OEM code page 866")]
    [InlineData("Netsh/dynamicport.ja.utf16le-bom.txt", "UTF-16LE with BOM")]
    public void Russian_and_japanese_dynamicport(string file, string encoding)
    {
        var evidence = Fixture.Read(file);

        Assert.Equal(encoding, evidence.Sources[0].Encoding);
        Assert.Equal(new PortRange(49152, 16384), evidence.Ports.Find(TransportProtocol.Tcp, IpFamily.IPv4)!.Range);
        Assert.Contains(evidence.Notes, n => n.Kind is NoteKind.WindowsRangeAssumed or NoteKind.RangeAssumed or NoteKind.RangeAssumedFromSibling);
    }

    [Theory]
    [InlineData("Netsh/excludedportrange.en.txt", 3)]
    [InlineData("Netsh/excludedportrange.de.cp850.txt", 2)]
    public void Excluded_ranges_with_administered_marks(string file, int count)
    {
        var evidence = Fixture.Read(file);
        var excluded = evidence.Ports.Excluded;

        Assert.Equal(count, excluded.Count);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal(new ExcludedPortRange(TransportProtocol.Tcp, null, PortRange.FromBounds(5357, 5357)), excluded[0]);
        Assert.True(excluded[1].Administered);
        Assert.Equal(PortRange.FromBounds(50000, 50059), excluded[1].Range);
        Assert.False(excluded[0].Administered);
    }

    [Fact]
    public void Netstat_plus_netsh_merge_into_one_snapshot_with_the_measured_range()
    {
        var evidence = Fixture.Read("Windows/netstat-ano.en.ascii.txt", "Netsh/dynamicport.en.txt", "Netsh/excludedportrange.en.txt");

        Assert.Equal(10, evidence.Latest.Sockets.Count);
        Assert.Equal(new PortRange(10000, 1000), evidence.Latest.Ports!.Find(TransportProtocol.Tcp, IpFamily.IPv4)!.Range);
        Assert.Equal(3, evidence.Latest.Ports.Excluded.Count);
        Assert.Equal(3, evidence.Latest.Sources.Count);
        Assert.StartsWith("netstat-ano.en.ascii.txt (windows-netstat, ASCII): 1 snapshot, 10 sockets", evidence.Latest.Sources[0], StringComparison.Ordinal);
        Assert.Equal("dynamicport.en.txt (netsh, ASCII): 2 dynamic port ranges", evidence.Latest.Sources[1]);
    }
}
