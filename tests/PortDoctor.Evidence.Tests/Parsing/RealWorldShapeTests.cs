using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// Shapes seen in public samples of real output (blog posts, issue threads, other projects'
/// recorded output) that our first fixtures did not have. Addresses and PIDs are our own; header
/// and state strings are as the OS prints them.
/// </summary>
public sealed class RealWorldShapeTests
{
    [Fact]
    public void PowerShell_table_whose_last_label_a_narrow_console_wrapped_is_read_row_by_row()
    {
        var evidence = Fixture.ReadWhole("RealWorld/get-nettcpconnection.table-wrapped-header.txt", "powershell-table");
        var sockets = evidence.Latest.Sockets;

        Assert.DoesNotContain(evidence.Notes, n => n.Kind is NoteKind.NoOwningProcessColumn or NoteKind.NoOwningProcessProperty or NoteKind.NoOwningProcessValues);
        Assert.Equal(
            [
                Fixture.Tcp(SocketState.Established, "127.0.0.1", 27017, "127.0.0.1", 60300, 14000),
                Fixture.Tcp(SocketState.Established, "127.0.0.1", 60300, "127.0.0.1", 27017, 15000),
                Fixture.Tcp(SocketState.Listen, "0.0.0.0", 27017, "0.0.0.0", 0, 14000),
                Fixture.Tcp(SocketState.TimeWait, "10.0.0.5", 60301, "10.0.0.9", 443, null),
            ],
            sockets);
    }

    [Fact]
    public void Russian_windows_10_header_with_english_state_names()
    {
        var evidence = Fixture.ReadWhole("RealWorld/netstat-ano.ru-win10.utf8.txt", "windows-netstat");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(6, sockets.Count);
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "0.0.0.0", 135, "0.0.0.0", 0, 1060), sockets[0]);
        Assert.Equal(Fixture.Tcp(SocketState.Established, "127.0.0.1", 5000, "127.0.0.1", 51000, 4000), sockets[1]);
        Assert.Equal(SocketState.TimeWait, sockets[2].State);
        Assert.Equal(new Endpoint("::", 7001), sockets[3].Local);
        Assert.Equal(IpFamily.IPv6, sockets[3].Family);
        Assert.Equal(3000, sockets[3].Pid);
        Assert.Equal(Fixture.Tcp(SocketState.CloseWait, "10.0.0.5", 50002, "10.0.0.9", 443, 12000), sockets[4]);
        Assert.Equal(TransportProtocol.Udp, sockets[5].Protocol);
        Assert.Equal(2200, sockets[5].Pid);
    }

    [Fact]
    public void German_listening_rows_whose_umlaut_was_lost_stay_listening()
    {
        var evidence = Fixture.ReadWhole("RealWorld/netstat-ano.de.lost-umlaut.utf8.txt", "windows-netstat");
        var sockets = evidence.Latest.Sockets;

        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.UnknownStateName);
        Assert.Equal(
            [
                Fixture.Tcp(SocketState.Listen, "0.0.0.0", 25, "0.0.0.0", 0, 4000),
                Fixture.Tcp(SocketState.Listen, "0.0.0.0", 26, "0.0.0.0", 0, 4001),
                Fixture.Tcp(SocketState.TimeWait, "10.0.0.2", 50000, "10.0.0.9", 443, null),
                Fixture.Tcp(SocketState.Established, "10.0.0.2", 50001, "10.0.0.9", 443, 4002),
            ],
            sockets);
    }

    [Fact]
    public void Spanish_excludedportrange_keeps_every_range_and_the_administered_mark()
    {
        var evidence = Fixture.ReadWhole("RealWorld/excludedportrange.es.utf8.txt", "netsh");
        var excluded = evidence.Ports.Excluded;

        Assert.Equal(3, excluded.Count);
        Assert.Equal(PortRange.FromBounds(5357, 5357), excluded[0].Range);
        Assert.Equal(PortRange.FromBounds(8100, 8199), excluded[1].Range);
        Assert.Equal(PortRange.FromBounds(50000, 50059), excluded[2].Range);
        Assert.All(excluded, e => Assert.Equal(TransportProtocol.Tcp, e.Protocol));
        Assert.Equal([false, false, true], excluded.Select(e => e.Administered));
    }

    [Fact]
    public void MacOS_lsof_with_hex_devices_and_host_names()
    {
        var evidence = Fixture.ReadWhole("RealWorld/lsof-i.macos.txt", "lsof");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(5, sockets.Count);
        Assert.Equal([SocketState.Listen, SocketState.Listen, SocketState.Established, SocketState.Established, SocketState.Unconnected], sockets.Select(s => s.State));
        Assert.Equal([50001, 50001, 50001, 50002, 456], sockets.Select(s => s.Pid!.Value));
        Assert.Equal(new Endpoint("localhost", 55100), sockets[2].Local);
        Assert.Equal(new Endpoint("localhost", 18001), sockets[2].Remote);
        Assert.Equal(IpFamily.IPv6, sockets[1].Family);
        Assert.Equal(new Endpoint("10.20.30.40", 443), sockets[3].Remote);
        Assert.Equal("Google", sockets[3].ProcessName);
        Assert.Equal(TransportProtocol.Udp, sockets[4].Protocol);
    }

    [Fact]
    public void Ss_without_its_header_line_is_still_ss()
    {
        var evidence = Fixture.ReadWhole("RealWorld/ss-tulpnH.txt", "linux-ss");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(4, sockets.Count);
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "0.0.0.0", 22, "0.0.0.0", 0, 800) with { ProcessName = "sshd" }, sockets[0]);
        Assert.Equal(IpFamily.IPv6, sockets[1].Family);
        Assert.Equal(1100, sockets[1].Pid);
        Assert.Equal(Fixture.Tcp(SocketState.Established, "10.0.0.5", 22, "10.0.0.9", 51234, null), sockets[2]);
        Assert.Equal(TransportProtocol.Udp, sockets[3].Protocol);
        Assert.Equal("systemd-resolve", sockets[3].ProcessName);
    }

    [Fact]
    public void Netstat_b_component_markers_pager_prompt_and_elisions_do_not_cost_an_owner()
    {
        var evidence = Fixture.ReadWhole("RealWorld/netstat-abno.en.pasted.txt", "windows-netstat");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal([2100, 820, 584, 4400, 2100], sockets.Select(s => s.Pid!.Value));
        Assert.Equal(["sshd.exe", "svchost.exe", null, "svchost.exe", "sshd.exe"], sockets.Select(s => s.ProcessName));
        Assert.Equal(Fixture.Tcp(SocketState.Established, "10.0.0.5", 22, "10.0.0.9", 53486, 2100) with { ProcessName = "sshd.exe" }, sockets[4]);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.OwnershipUnavailable && n.Count == 1);
        Assert.Equal(["CDPSvc"], evidence.Latest.Processes[4400].Services);
    }

    [Fact]
    public void Japanese_dynamicport_with_the_particle_in_its_title_gives_the_tcp_range()
    {
        var evidence = Fixture.ReadWhole("RealWorld/dynamicport-tcp.ja.utf8.txt", "netsh");

        Assert.Equal(1, evidence.Sources[0].Ranges);
        Assert.Equal(new PortRange(50000, 12000), evidence.Ports.Find(TransportProtocol.Tcp, IpFamily.IPv4)!.Range);
    }

    [Fact]
    public void Get_WinEvent_default_table_gives_the_tcpip_events_with_time_and_skips_other_providers()
    {
        var evidence = Fixture.ReadWhole("RealWorld/get-winevent.table.txt", "events-ps-table");
        var events = evidence.Events;

        Assert.Equal([4231, 4227], events.Select(e => e.EventId));
        Assert.All(events, e => Assert.Equal("Tcpip", e.Source));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 22, 30, 0, TimeSpan.Zero), events[0].Time);
        Assert.StartsWith("A request to allocate an ephemeral port", events[0].Message, StringComparison.Ordinal);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.OtherEventsIgnored && n.Count == 1);
    }

    [Fact]
    public void Lsof_with_its_stat_warnings_captured_first_is_still_lsof()
    {
        var evidence = Fixture.ReadWhole("RealWorld/lsof-i.with-warnings.txt", "lsof");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal([700, 700, 900, 3000], sockets.Select(s => s.Pid!.Value));
        Assert.Equal([SocketState.Unconnected, SocketState.Listen, SocketState.Listen, SocketState.Established], sockets.Select(s => s.State));
        Assert.Equal(new Endpoint("127.0.0.53", 53), sockets[1].Local);
        Assert.Equal(new Endpoint("::1", 8080), sockets[3].Remote);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.LsofWarnings && n.Count == 2);
    }
}
