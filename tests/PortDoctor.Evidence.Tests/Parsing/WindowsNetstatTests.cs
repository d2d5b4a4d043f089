using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed class WindowsNetstatTests
{
    public static TheoryData<string, string> Languages => new()
    {
        { "netstat-ano.en.ascii.txt", "ASCII" },
        { "netstat-ano.de.cp850.txt", "OEM code page 850" },
        { "netstat-ano.de.mojibake-1252.txt", "UTF-8" },
        { "netstat-ano.fr.utf16le-bom.txt", "UTF-16LE with BOM" },
        { "netstat-ano.es.cp850.txt", "OEM code page 850" },
        { "netstat-ano.it.utf8.txt", "ASCII" },
        { "netstat-ano.pt.utf8-bom.txt", "UTF-8 with BOM" },
        { "netstat-ano.ru.cp866.txt", "OEM code page 866" },
        { "netstat-ano.ru.mojibake-1252.txt", "UTF-8" },
        { "netstat-ano.pl.cp852.txt", "OEM code page 852" },
        { "netstat-ano.ja.cp932.txt", "OEM code page 932" },
        { "netstat-ano.zh.cp936.txt", "OEM code page 936" },
        { "netstat-ano.ko.utf16le-bom.txt", "UTF-16LE with BOM" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_language_and_encoding_gives_the_same_ten_sockets(string file, string encoding)
    {
        var evidence = Fixture.Read($"Windows/{file}");
        var snapshot = evidence.Latest;

        Assert.Equal("windows-netstat", evidence.Sources[0].Format);
        Assert.Equal(encoding, evidence.Sources[0].Encoding);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal(OsKind.Windows, snapshot.Os);
        Assert.Equal(10, snapshot.Sockets.Count);
        var byState = Fixture.ByState(snapshot);
        Assert.Equal(3, byState[SocketState.Listen]);
        Assert.Equal(2, byState[SocketState.Established]);
        Assert.Equal(2, byState[SocketState.TimeWait]);
        Assert.Equal(1, byState[SocketState.CloseWait]);
        Assert.Equal(2, byState[SocketState.Unconnected]);
        Assert.Equal(new Dictionary<int, int> { [1060] = 2, [4] = 2, [4321] = 2, [3000] = 2 }, Fixture.ByPid(snapshot));
        Assert.Equal(2, snapshot.Sockets.Count(s => s.Pid is null));

        var linkLocal = snapshot.Sockets.Single(s => s.Local.Port == 49800);
        Assert.Equal(IpFamily.IPv6, linkLocal.Family);
        Assert.Equal("fe80::1c2d:3e4f:5a6b:7c8d%12", linkLocal.Local.Address);
        Assert.Equal(new Endpoint("fe80::9%12", 445), linkLocal.Remote);
        var closeWait = snapshot.Sockets.Single(s => s.State == SocketState.CloseWait);
        Assert.Equal(new Endpoint("10.0.0.5", 49715), closeWait.Local);
        Assert.Equal(new Endpoint("10.0.0.9", 1433), closeWait.Remote);
        Assert.Equal(2, snapshot.Sockets.Count(s => s.Protocol == TransportProtocol.Udp));
        Assert.Contains(snapshot.Sockets, s => s.Protocol == TransportProtocol.Udp && s.Family == IpFamily.IPv6 && s.Local == new Endpoint("::", 500));
    }

    [Fact]
    public void A_file_without_range_says_the_windows_default_was_assumed()
    {
        var evidence = Fixture.Read("Windows/netstat-ano.en.ascii.txt");

        Assert.True(evidence.Ports.IsAssumedDefault);
        Assert.Equal(PortRange.FromBounds(49152, 65535), evidence.Ports.Find(TransportProtocol.Tcp, IpFamily.IPv4)!.Range);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.WindowsRangeAssumed && n.Range == new PortRange(49152, 16384));
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.TimeWaitWithoutOwner);
    }
}
