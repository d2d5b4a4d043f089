using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed class LinuxFormatTests
{
    [Fact]
    public void Ss_tanp_reads_states_owners_zones_and_mapped_addresses()
    {
        var evidence = Fixture.Read("Linux/ss-tanp.txt");
        var snapshot = evidence.Latest;

        Assert.Equal("linux-ss", evidence.Sources[0].Format);
        Assert.Equal(OsKind.Linux, snapshot.Os);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal(9, snapshot.Sockets.Count);
        var byState = Fixture.ByState(snapshot);
        Assert.Equal(3, byState[SocketState.Listen]);
        Assert.Equal(2, byState[SocketState.TimeWait]);
        Assert.Equal(1, byState[SocketState.CloseWait]);
        Assert.Equal(1, byState[SocketState.SynSent]);
        Assert.Equal(new Dictionary<int, int> { [812] = 2, [455] = 1, [1850] = 1, [3000] = 3 }, Fixture.ByPid(snapshot));
        Assert.Equal(new Endpoint("127.0.0.53%lo", 53), snapshot.Sockets[1].Local);
        Assert.Equal("java", snapshot.Processes[3000].Name);
        var mapped = snapshot.Sockets[^1];
        Assert.Equal(IpFamily.IPv6, mapped.Family);
        Assert.Equal(new Endpoint("::ffff:127.0.0.1", 8080), mapped.Local);
    }

    [Fact]
    public void Ss_tan_without_owners_says_so_and_reads_unconn_tcp_as_bound()
    {
        var evidence = Fixture.Read("Linux/ss-tan.txt");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(6, sockets.Count);
        Assert.Equal(SocketState.FinWait2, sockets[3].State);
        Assert.Equal(SocketState.Bound, sockets[4].State);
        Assert.All(sockets, s => Assert.Null(s.Pid));
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.SsWithoutProcess);
        Assert.True(evidence.Ports.IsAssumedDefault);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.LinuxRangeAssumed && n.Range == PortRange.FromBounds(32768, 60999));
    }

    [Fact]
    public void Ss_tuanp_reads_udp_and_tcp_and_skips_unix_sockets()
    {
        var evidence = Fixture.Read("Linux/ss-tuanp.txt");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(6, sockets.Count);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal(3, sockets.Count(s => s.Protocol == TransportProtocol.Udp));
        Assert.Equal(2, sockets.Count(s => s.State == SocketState.Unconnected));
        Assert.Equal(SocketState.Established, sockets.Single(s => s.Pid == 7000).State);
    }

    [Fact]
    public void Ss_s_gives_totals_only()
    {
        var evidence = Fixture.Read("Linux/ss-s.txt");

        Assert.False(evidence.HasSockets);
        Assert.Equal("27990", evidence.Ports.Settings["ss -s tcp timewait"]);
        Assert.Equal("28500", evidence.Ports.Settings["ss -s tcp total"]);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.SsSummaryOnly);
    }

    [Fact]
    public void Netstat_tanp_reads_pid_slash_program_and_unbracketed_ipv6()
    {
        var evidence = Fixture.Read("Linux/netstat-tanp.txt");
        var snapshot = evidence.Latest;

        Assert.Equal("linux-netstat", evidence.Sources[0].Format);
        Assert.Equal(7, snapshot.Sockets.Count);
        Assert.Equal(new Dictionary<int, int> { [812] = 2, [1900] = 1, [3000] = 1, [900] = 1 }, Fixture.ByPid(snapshot));
        Assert.Equal(2, Fixture.ByState(snapshot)[SocketState.TimeWait]);
        Assert.Equal(new Endpoint("::", 22), snapshot.Sockets[5].Local);
        Assert.Equal(new Endpoint("::1", 631), snapshot.Sockets[6].Local);
        Assert.Equal(IpFamily.IPv6, snapshot.Sockets[6].Family);
        Assert.Equal("sshd: root@pts", snapshot.Sockets[1].ProcessName);
    }

    [Fact]
    public void German_netstat_an_reads_localized_states_and_skips_the_unix_part()
    {
        var evidence = Fixture.Read("Linux/netstat-an.de.txt");
        var snapshot = evidence.Latest;

        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal(7, snapshot.Sockets.Count);
        var byState = Fixture.ByState(snapshot);
        Assert.Equal(2, byState[SocketState.Listen]);
        Assert.Equal(1, byState[SocketState.Established]);
        Assert.Equal(1, byState[SocketState.TimeWait]);
        Assert.Equal(1, byState[SocketState.CloseWait]);
        Assert.Equal(2, byState[SocketState.Unconnected]);
        Assert.Equal(new Endpoint("fe80::1%eth0", 123), snapshot.Sockets[6].Local);
    }

    [Fact]
    public void Lsof_keeps_a_shared_socket_once_and_reads_states()
    {
        var evidence = Fixture.Read("Linux/lsof-i.txt");
        var snapshot = evidence.Latest;

        Assert.Equal("lsof", evidence.Sources[0].Format);
        Assert.Equal(7, snapshot.Sockets.Count);
        Assert.Equal(3, Fixture.ByState(snapshot)[SocketState.Listen]);
        Assert.Equal(SocketState.SynSent, snapshot.Sockets.Single(s => s.Local.Port == 40004).State);
        Assert.Equal(new Endpoint("93.184.216.34", 443), snapshot.Sockets.Single(s => s.Pid == 7000).Remote);
        Assert.Equal(SocketState.Unconnected, snapshot.Sockets.Single(s => s.Protocol == TransportProtocol.Udp).State);
        Assert.Equal(IpFamily.IPv6, snapshot.Sockets[1].Family);
        Assert.Equal(new Endpoint("*", 80), snapshot.Sockets.Single(s => s.Pid == 4000).Local);
    }

    [Fact]
    public void Proc_net_copy_is_read_with_the_live_parser()
    {
        var evidence = Fixture.Read("Linux/proc-net-tcp");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal("proc-net", evidence.Sources[0].Format);
        Assert.Equal(3, sockets.Count);
        Assert.Equal(SocketState.Listen, sockets[0].State);
        Assert.Equal(new Endpoint("0.0.0.0", 22), sockets[0].Local);
        Assert.Equal(SocketState.TimeWait, sockets[1].State);
        Assert.Equal(new Endpoint("10.0.0.5", 40001), sockets[1].Local);
        Assert.Equal(new Endpoint("10.0.0.9", 443), sockets[1].Remote);
        Assert.Equal(23456, sockets[2].Inode);
    }
}
