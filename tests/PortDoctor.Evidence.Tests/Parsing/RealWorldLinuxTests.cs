using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// Linux (and macOS/BSD) output shapes seen in public samples or produced on a test machine with
/// real sockets in a network namespace (ss 6.1, net-tools 2.10, lsof 4.95). Addresses and PIDs
/// are our own; header, state and column strings are as the tools print them.
/// </summary>
public sealed class RealWorldLinuxTests
{
    [Fact]
    public void Ss_o_timer_column_does_not_hide_owners_or_states()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/ss-tanpo.txt", "linux-ss");
        var sockets = evidence.Latest.Sockets;
        var byState = Fixture.ByState(evidence.Latest);

        Assert.Equal(17, sockets.Count);
        Assert.Equal(3, byState[SocketState.TimeWait]);
        Assert.Equal(1, byState[SocketState.FinWait2]);
        Assert.Equal(1, byState[SocketState.CloseWait]);
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "0.0.0.0", 8080, "0.0.0.0", 0, 15841, "python3"), sockets[0]);
        Assert.Equal(Fixture.Tcp(SocketState.TimeWait, "127.0.0.1", 44198, "127.0.0.1", 8080), sockets[9]);
        Assert.Equal(new Endpoint("::ffff:127.0.0.1", 44228), sockets[16].Local);
        Assert.Equal(13, sockets.Count(s => s.Pid == 15841));
    }

    [Fact]
    public void Ss_e_i_m_detail_lines_are_skipped_not_unreadable()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/ss-tanpeim.txt", "linux-ss");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(17, sockets.Count);
        Assert.Equal(13, sockets.Count(s => s.Pid == 15841));
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.SsDetailLines && n.Count == 13);
    }

    /// <summary>Reads an ss fixture whole and checks its rows and one of its notes.</summary>
    private static void AssertSsRows(string file, Func<Note, bool> note, params SocketEntry[] expected)
    {
        var evidence = AssertRows(file, "linux-ss", expected);
        Assert.Contains(evidence.Notes, n => note(n));
    }

    /// <summary>Reads a fixture whole as <paramref name="format"/> and checks every socket, in order.</summary>
    private static EvidenceSet AssertRows(string file, string format, params SocketEntry[] expected)
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/" + file, format);
        Assert.Equal(expected, evidence.Latest.Sockets);
        return evidence;
    }

    [Fact]
    public void Pasted_ss_i_with_space_indented_and_unindented_detail_lines() =>
        AssertSsRows("ss-ti.pasted.txt", n => n.Kind == NoteKind.SsDetailLines && n.Count == 3,
            Fixture.Tcp(SocketState.Established, "192.0.2.10", 22, "198.51.100.4", 50522),
            Fixture.Tcp(SocketState.Established, "192.0.2.10", 22, "198.51.100.4", 50510),
            Fixture.Tcp(SocketState.TimeWait, "192.0.2.10", 43110, "192.0.2.30", 443));

    [Fact]
    public void Ss_state_filter_takes_the_state_from_the_pasted_command_line() =>
        AssertSsRows("ss-state-filters.pasted.txt", n => n.Kind == NoteKind.SsStateFromCommand,
            Fixture.Tcp(SocketState.TimeWait, "10.20.0.5", 41822, "10.20.0.9", 5432),
            Fixture.Tcp(SocketState.TimeWait, "10.20.0.5", 41830, "10.20.0.9", 5432),
            Fixture.Tcp(SocketState.TimeWait, "10.20.0.5", 80, "198.51.100.7", 51000),
            Fixture.Tcp(SocketState.Established, "10.20.0.5", 41900, "10.20.0.9", 5432));

    [Theory]
    [InlineData("ss-tan-state-time-wait.txt", SocketState.TimeWait, NoteKind.SsStateFromFileName)]
    [InlineData("ss-no-state-column.txt", SocketState.Unknown, NoteKind.SsStateUnknown)]
    public void Ss_state_filter_without_command_line_takes_the_state_from_the_file_name_or_says_it_is_unknown(string file, SocketState state, NoteKind note)
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/" + file, "linux-ss");

        Assert.Equal([state, state], evidence.Latest.Sockets.Select(s => s.State));
        Assert.Contains(evidence.Notes, n => n.Kind == note && n.Count == 2);
    }

    [Fact]
    public void Old_ss_owner_tuples_without_pid_equals()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/ss-tapn.old-owner.txt", "linux-ss");
        var sockets = evidence.Latest.Sockets;

        // The session socket is held by both sshd processes: the lowest PID (the parent) is kept.
        Assert.Equal([612, 1301, 1950, 1301], sockets.Select(s => s.Pid!.Value));
        Assert.Equal("rpcbind", sockets[0].ProcessName);
        Assert.Equal(new Endpoint("*", 111), sockets[0].Local);
        Assert.Equal(new Endpoint("::", 22), sockets[3].Local);
        Assert.Equal(IpFamily.IPv6, sockets[3].Family);
        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.SsWithoutProcess);
    }

    [Fact]
    public void Old_ss_l_without_state_column_reads_wildcard_peers_as_listeners()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/ss-pl.old-no-state.txt", "linux-ss");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(
            [
                Fixture.Tcp(SocketState.Listen, "*", 80, "*", 0, 2100, "nginx"),
                Fixture.Tcp(SocketState.Listen, "*", 22, "*", 0, 1400, "sshd"),
                Fixture.Tcp(SocketState.Listen, "127.0.0.1", 25, "*", 0),
            ],
            sockets);
    }

    [Fact]
    public void Ss_a_skips_unix_and_netlink_rows_and_keeps_zone_and_mapped_addresses()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/ss-a.mixed.txt", "linux-ss");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(5, sockets.Count);
        Assert.Equal(TransportProtocol.Udp, sockets[0].Protocol);
        Assert.Equal(SocketState.Unconnected, sockets[0].State);
        Assert.Equal(new Endpoint("127.0.0.53%lo", 53), sockets[1].Local);
        Assert.Equal(new Endpoint("::ffff:192.0.2.10", 443), sockets[2].Local);
        Assert.Equal(new Endpoint("::ffff:198.51.100.20", 53412), sockets[2].Remote);
        Assert.Equal(new Endpoint("*", 80), sockets[3].Local);
        Assert.Equal(SocketState.TimeWait, sockets[4].State);
    }

    [Theory]
    [InlineData("ss-s.old.txt", "7", "48", "13")]
    [InlineData("ss-s.pasted-without-table.txt", "1290", "100000", null)]
    public void Ss_s_older_and_pasted_shapes_keep_the_tcp_totals(string file, string timewait, string total, string? ports)
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/" + file, "linux-ss");

        Assert.Equal(timewait, evidence.Ports.Settings["ss -s tcp timewait"]);
        Assert.Equal(total, evidence.Ports.Settings["ss -s tcp total"]);
        Assert.Equal("0", evidence.Ports.Settings["ss -s tcp orphaned"]);
        Assert.Equal(ports is null, !evidence.Ports.Settings.ContainsKey("ss -s tcp ports"));
    }

    [Fact]
    public void Netstat_o_timer_column_is_not_part_of_the_program_name()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/netstat-antpo.txt", "linux-netstat");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(17, sockets.Count);
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "0.0.0.0", 8080, "0.0.0.0", 0, 15841, "python3"), sockets[0]);
        Assert.All(sockets.Where(s => s.Pid is not null), s => Assert.Equal("python3", s.ProcessName));
        Assert.Equal(4, sockets.Count(s => s.Pid is null));
    }

    [Fact]
    public void Netstat_e_user_and_inode_columns_do_not_hide_the_owner()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/netstat-antpe.txt", "linux-netstat");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(13, sockets.Count(s => s.Pid == 15841));
        Assert.Equal(Fixture.Tcp(SocketState.TimeWait, "127.0.0.1", 44198, "127.0.0.1", 8080), sockets[9]);
    }

    [Fact]
    public void Netstat_grep_time_wait_without_header_knows_the_owner_column_was_there()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/netstat-atnp-grep-time-wait.txt", "linux-netstat");

        Assert.Equal(3, evidence.Latest.Sockets.Count);
        Assert.All(evidence.Latest.Sockets, s => Assert.Equal(SocketState.TimeWait, s.State));
        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.NetstatWithoutPid);
    }

    [Theory]
    [InlineData("netstat-tan-uniq-c.txt", 10, 3, 2, 1, 1)]
    [InlineData("ss-tan-awk-array.txt", 102, 38, 12, 3, 0)]
    public void Counts_per_state_from_awk_sort_uniq(string file, int established, int timeWait, int listen, int closeWait, int finWait2)
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/" + file, "state-counts");
        var byState = Fixture.ByState(evidence.Latest);

        Assert.Equal(OsKind.Linux, evidence.Latest.Os);
        Assert.Equal(established, byState[SocketState.Established]);
        Assert.Equal(timeWait, byState[SocketState.TimeWait]);
        Assert.Equal(listen, byState[SocketState.Listen]);
        Assert.Equal(closeWait, byState[SocketState.CloseWait]);
        Assert.Equal(finWait2, byState.GetValueOrDefault(SocketState.FinWait2));
        Assert.Empty(evidence.Latest.Sockets);
    }

    [Theory]
    [InlineData("sysctl-port-range.txt", 32768, 60999)]
    [InlineData("sysctl-a-grep.txt", 15000, 64999)]
    [InlineData("ip_local_port_range", 20000, 60999)]
    [InlineData("sysctl-portrange.macos.txt", 49152, 65535)]
    public void Port_range_from_sysctl_shapes(string file, int low, int high)
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/" + file, "sysctl");

        Assert.False(evidence.Ports.IsAssumedDefault);
        Assert.Equal(4, evidence.Ports.Dynamic.Count);
        Assert.All(evidence.Ports.Dynamic, d => Assert.Equal(PortRange.FromBounds(low, high), d.Range));
    }

    [Fact]
    public void Sysctl_a_grep_keeps_tw_reuse_and_reserved_ports()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/sysctl-a-grep.txt", "sysctl");

        Assert.Equal("1", evidence.Ports.Settings["net.ipv4.tcp_tw_reuse"]);
        Assert.Equal("30", evidence.Ports.Settings["net.ipv4.tcp_fin_timeout"]);
        Assert.Equal([PortRange.FromBounds(8080, 8080), PortRange.FromBounds(9000, 9010)], evidence.Ports.Excluded.Select(e => e.Range));
    }

    [Fact]
    public void Sysctl_range_with_ss_sockets_replaces_the_assumed_default()
    {
        var evidence = Fixture.Read("RealWorldLinux/ss-tanpo.txt", "RealWorldLinux/sysctl-a-grep.txt");

        Assert.Equal(17, evidence.Latest.Sockets.Count);
        Assert.All(evidence.Ports.Dynamic, d => Assert.Equal(PortRange.FromBounds(15000, 64999), d.Range));
        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.LinuxRangeAssumed);
    }

    [Fact]
    public void Proc_net_sockstat_and_sockstat6_become_settings()
    {
        var evidence = Fixture.Read("RealWorldLinux/sockstat", "RealWorldLinux/sockstat6");

        Assert.All(evidence.Sources, s => Assert.Equal("sockstat", s.Format));
        Assert.Equal("4", evidence.Ports.Settings["sockstat tcp tw"]);
        Assert.Equal("9", evidence.Ports.Settings["sockstat tcp inuse"]);
        Assert.Equal("16", evidence.Ports.Settings["sockstat sockets used"]);
        Assert.Equal("4", evidence.Ports.Settings["sockstat tcp6 inuse"]);
    }

    [Fact]
    public void Lsof_p_lists_every_file_and_only_sockets_are_kept()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/lsof-p.all-files.txt", "lsof");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(3, sockets.Count);
        Assert.Equal([SocketState.Listen, SocketState.Unconnected, SocketState.Established], sockets.Select(s => s.State));
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.LsofNonSocketRows && n.Count == 26);
    }

    [Fact]
    public void MacOS_netstat_an_with_dot_ports_dual_stack_and_unix_section()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/netstat-an.macos.txt", "bsd-netstat");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(OsKind.Unknown, evidence.Latest.Os);
        Assert.Equal(10, sockets.Count);
        Assert.Equal(Fixture.Tcp(SocketState.Established, "192.168.1.5", 52814, "203.0.113.20", 5223), sockets[0]);
        Assert.Equal(new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv6, SocketState.Listen, new("*", 8000), new("*", 0)), sockets[3]);
        Assert.Equal(new Endpoint("fe80::1%lo0", 5432), sockets[4].Local);
        Assert.Equal([SocketState.TimeWait, SocketState.SynSent, SocketState.CloseWait], sockets.Skip(5).Take(3).Select(s => s.State));
        Assert.Equal(SocketState.Unconnected, sockets[8].State);
        Assert.Equal(TransportProtocol.Udp, sockets[9].Protocol);
        Assert.Equal(IpFamily.IPv6, sockets[9].Family);
    }

    [Fact]
    public void MacOS_netstat_anv_process_pid_column_gives_owners_even_with_spaces_in_the_name()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/netstat-anv-p-tcp.macos.txt", "bsd-netstat");

        Assert.Equal(
            [
                Fixture.Tcp(SocketState.Established, "127.0.0.1", 61001, "127.0.0.1", 61002, 51000, "node"),
                Fixture.Tcp(SocketState.Listen, "127.0.0.1", 61001, "*", 0, 51000, "node"),
                Fixture.Tcp(SocketState.Established, "192.168.1.5", 61010, "203.0.113.9", 443, 51200, "Google Chrome H"),
            ],
            evidence.Latest.Sockets);
    }

    [Fact]
    public void MacOS_netstat_rows_without_header_and_with_host_names()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/netstat-nat-grep.macos.txt", "bsd-netstat");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(4, sockets.Count);
        Assert.Equal(new Endpoint("localhost", 29961), sockets[0].Local);
        Assert.Equal(new Endpoint("counteract.exam", 10005), sockets[2].Remote);
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "10.0.0.3", 3881, "*", 0), sockets[3]);
    }

    // Produced here: net-tools 2.10 `netstat -tanp` (no -W) in a network namespace with sockets on
    // 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1 — the address is cut to the 23-character column, the port kept.
    [Fact]
    public void Netstat_without_W_keeps_cut_ipv6_addresses_and_their_ports()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/netstat-tanp.cut-ipv6.txt", "linux-netstat");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(
            new Dictionary<SocketState, int>
            {
                [SocketState.Established] = 14,
                [SocketState.CloseWait] = 5,
                [SocketState.FinWait2] = 5,
                [SocketState.Listen] = 5,
                [SocketState.TimeWait] = 4,
                [SocketState.SynSent] = 3,
            },
            Fixture.ByState(evidence.Latest));
        Assert.Equal(new Dictionary<int, int> { [6488] = 6, [6530] = 6, [6532] = 2, [6533] = 9 }, Fixture.ByPid(evidence.Latest));
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "2001:db8:aaaa:bbbb", 5432, "::", 0, 6488, "python3"), sockets[24]);
        Assert.Equal(Fixture.Tcp(SocketState.Established, "2001:db8:aaaa:bbb", 55230, "2001:db8:aaaa:bbbb", 5432, 6532, "python3"), sockets[34]);
        Assert.Equal(Fixture.Tcp(SocketState.Established, "127.0.0.1", 57898, "127.0.0.1", 8443, 6533, "python3"), sockets[26]);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.IPv6AddressesCut);
    }

    // Produced here: net-tools 2.10 `netstat -tuanpW` and `netstat -an` with LC_ALL=cs_CZ.UTF-8 and
    // pt_BR.UTF-8 (the translations net-tools ships: NASLOUCHÁ, SPOJENO; OUÇA, ESTABELECIDA,
    // ESPERANDO_FECHAR, ESPERA_FIN2, SYN_ENVIADO; also a translated UNIX section title).
    [Theory]
    [InlineData("netstat-tuanpW.cs.txt")]
    [InlineData("netstat-tuanpW.pt_BR.txt")]
    [InlineData("netstat-an.cs.txt")]
    public void Netstat_in_czech_and_brazilian_portuguese_reads_every_state(string file)
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/" + file, "linux-netstat");
        var byState = Fixture.ByState(evidence.Latest);

        Assert.Equal(35, evidence.Latest.Sockets.Count);
        Assert.Equal(15, byState[SocketState.Established]);
        Assert.Equal(5, byState[SocketState.Listen]);
        Assert.Equal(5, byState[SocketState.CloseWait]);
        Assert.Equal(4, byState[SocketState.TimeWait]);
        Assert.Equal(3, byState[SocketState.SynSent]);
        Assert.Equal(1, byState[SocketState.FinWait2]);
        Assert.Equal(2, byState[SocketState.Unconnected]);
        Assert.Equal(1, evidence.Sources[0].Snapshots);
    }

    // Hand-made rows with net-tools 2.10 cs.po's "POSLEDNÍ ACK" (LAST_ACK, two words) and de.po's
    // "UNBEKANNT" (a state netstat itself does not know): the shape of the rows above, the states
    // could not be produced on loopback.
    [Fact]
    public void Netstat_two_word_translated_state_and_an_unknown_word_keep_their_rows()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pdx-netstat-cs-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, """
            Aktivní Internetová spojení (servery a navázaná spojení)
            Proto Přích-F Odch-F Místní Adresa          Vzdálená Adresa         Stav      PID/Program name
            tcp        0      0 10.1.0.5:8080           10.1.0.9:51234          POSLEDNÍ ACK 2100/java
            tcp        0      0 10.1.0.5:8080           10.1.0.9:51236          UNBEKANNT   2100/java
            tcp        0      0 10.1.0.5:8080           10.1.0.9:51238          SPOJENO     2100/java
            """);
        try
        {
            var evidence = EvidenceReader.Read([path], new EvidenceReadOptions(), TestContext.Current.CancellationToken);

            Assert.Equal(0, evidence.Sources[0].UnreadableCount);
            Assert.Equal([SocketState.LastAck, SocketState.Unknown, SocketState.Established], evidence.Latest.Sockets.Select(s => s.State));
            Assert.All(evidence.Latest.Sockets, s => Assert.Equal(2100, s.Pid));
            Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.UnknownStateNames && n.Names.Contains("UNBEKANNT"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Produced here: `netstat -tanc` (continuous, one table a second, no times) for 2.5 s.
    [Fact]
    public void Netstat_c_repeated_tables_are_samples_and_the_last_is_analysed()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/netstat-tanc.txt", "linux-netstat");
        var byState = Fixture.ByState(evidence.Latest);

        Assert.Equal(3, evidence.Series.Count);
        Assert.All(evidence.Series, s => Assert.Equal(36, s.Total));
        Assert.Equal(36, evidence.Latest.Sockets.Count);
        Assert.Equal(4, byState[SocketState.TimeWait]);
        Assert.Equal(14, byState[SocketState.Established]);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.NetstatUntimedTables && n.Count == 3);
    }

    // Produced here: ss 6.1 `ss -tunlp`; a UDP socket on fe80::1 of eth0 prints "[fe80::1]%eth0:5353"
    // (zone after the bracket), and listeners inherited by forked children list every holder.
    [Fact]
    public void Ss_zone_after_the_bracket_and_shared_sockets_keep_the_lowest_pid()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/ss-tunlp.device-bound.txt", "linux-ss");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(7, sockets.Count);
        Assert.Equal(new SocketEntry(TransportProtocol.Udp, IpFamily.IPv6, SocketState.Unconnected, new("fe80::1%eth0", 5353), new("::", 0)) { Pid = 6488, ProcessName = "nginx" }, sockets[1]);
        Assert.Equal(new Endpoint("127.0.0.53%lo", 53), sockets[4].Local);
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1", 5432, "::", 0, 6488, "nginx"), sockets[5]);
        Assert.All(sockets, s => Assert.Equal(6488, s.Pid));
    }

    // Produced here: ss 6.1 `ss -a -A inet` (no -n): ports as Debian's /etc/services names them
    // ("http-alt", "bbs", "mdns", "domain", "postgresql").
    [Fact]
    public void Ss_without_n_service_names_become_port_numbers()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/ss-a-A-inet.service-names.txt", "linux-ss");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(39, sockets.Count);
        Assert.Equal(4, sockets.Count(s => s.Local.Port == 7000 || s.Remote.Port == 7000));
        Assert.Equal(new Endpoint("fe80::1%eth0", 5353), sockets[2].Local);
        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.UnknownServiceNames);
        Assert.DoesNotContain(sockets, s => s.Local.Port == 0);
    }

    // Shape of macOS 10.14 `netstat -v -n -p tcp` pasted in danielkrainas/node-netstat#26: a plain
    // "pid" column after "(state) rhiwat shiwat" (no process name); our addresses and PIDs.
    [Fact]
    public void MacOS_mojave_netstat_v_plain_pid_column_gives_owners()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/netstat-v-n-p-tcp.mojave.txt", "bsd-netstat");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal([4410, 4410, 4410, 5120, 5120], sockets.Select(s => s.Pid));
        Assert.Equal(Fixture.Tcp(SocketState.CloseWait, "192.168.1.5", 61040, "198.51.100.4", 443, 4410, ""), sockets[2]);
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "127.0.0.1", 8000, "*", 0, 5120, ""), sockets[4]);
    }

    // Shape of macOS 13-15 `netstat -anv` with its header ("(state) rxbytes txbytes rhiwat shiwat
    // pid epid state options gencnt flags flags1 usecnt rtncnt fltrs"), as pasted in a README
    // (`netstat -anvp tcp | awk 'NR<3 || /LISTEN/'`) and recorded in Go projects' tests; a UDP row has
    // no state, so its pid stands one column earlier. Our addresses and PIDs.
    [Fact]
    public void MacOS_15_netstat_anv_pid_after_byte_counters() =>
        AssertRows(
            "netstat-anv.macos15.txt",
            "bsd-netstat",
            Fixture.Tcp(SocketState.Established, "192.168.1.5", 52137, "203.0.113.85", 443, 2903, ""),
            Fixture.Tcp(SocketState.Listen, "127.0.0.1", 18970, "*", 0, 501, ""),
            Fixture.Tcp(SocketState.Listen, "*", 18970, "*", 0, 501, "") with { Family = IpFamily.IPv6 },
            new SocketEntry(TransportProtocol.Udp, IpFamily.IPv4, SocketState.Unconnected, new("*", 123), new("*", 0)) { Pid = 180, ProcessName = "" });

    // Shape of macOS 15.1 `netstat -natvln | grep tcp4` in sebhildebrandt/systeminformation#951
    // (rxbytes txbytes rhiwat shiwat pid ... without the header): rows read, no owner guessed from
    // the byte counters.
    [Fact]
    public void MacOS_15_netstat_natvln_rows_without_header_guess_no_owner() =>
        AssertRows(
            "netstat-natvln-grep.macos15.txt",
            "bsd-netstat",
            Fixture.Tcp(SocketState.Established, "192.168.1.5", 52137, "203.0.113.85", 443),
            Fixture.Tcp(SocketState.Established, "192.168.1.5", 52126, "198.51.100.58", 443),
            Fixture.Tcp(SocketState.CloseWait, "192.168.1.5", 52125, "198.51.100.58", 443));

    // Shape of FreeBSD `sockstat` as pasted in a FreeBSD tutorial in the code index ("root@ns1:~ #
    // sockstat": stream/dgram/seqpac UNIX rows, httpd's listener once per forked holder) and in
    // tldr-style guides; our addresses and PIDs.
    [Fact]
    public void FreeBSD_sockstat_keeps_a_forked_listener_once_with_the_lowest_pid()
    {
        var evidence = AssertRows(
            "sockstat.freebsd.txt",
            "bsd-sockstat",
                Fixture.Tcp(SocketState.Established, "10.20.0.5", 22, "10.20.0.9", 51022, 5120, "sshd"),
                Fixture.Tcp(SocketState.Listen, "*", 80, "*", 0, 3894, "httpd"),
                Fixture.Tcp(SocketState.Listen, "*", 80, "*", 0, 3894, "httpd") with { Family = IpFamily.IPv6 },
                Fixture.Tcp(SocketState.Established, "10.20.0.5", 61874, "10.20.0.30", 5432, 3916, "httpd"),
                new SocketEntry(TransportProtocol.Udp, IpFamily.IPv4, SocketState.Unconnected, new("10.20.0.5", 53), new("*", 0)) { Pid = 760, ProcessName = "unbound" },
                new SocketEntry(TransportProtocol.Udp, IpFamily.IPv6, SocketState.Unconnected, new("*", 514), new("*", 0)) { Pid = 751, ProcessName = "syslogd" });

        Assert.Equal(OsKind.Unknown, evidence.Latest.Os);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.SockstatNonSocketRows && n.Count == 3);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.SockstatWithoutState);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.RangeAssumed && n.Range == new PortRange(49152, 16384));
    }

    // Shape of FreeBSD `sockstat -46s` ("PATH STATE   CONN STATE" header; "?" columns for a socket no
    // process holds) from a Perl module's documentation in the code index; our addresses.
    [Fact]
    public void FreeBSD_sockstat_s_reads_the_conn_state_and_ownerless_rows()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/sockstat-46s.freebsd.txt", "bsd-sockstat");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(
            [SocketState.Listen, SocketState.Established, SocketState.Established, SocketState.CloseWait, SocketState.TimeWait, SocketState.Unconnected],
            sockets.Select(s => s.State));
        Assert.Equal([null, 5120, 4410, 4410, null, 760], sockets.Select(s => s.Pid));
        Assert.Equal(new Endpoint("::1", 4045), sockets[0].Local);
        Assert.Equal(IpFamily.IPv6, sockets[0].Family);
        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.SockstatWithoutState);
    }

    // Produced here: lsof 4.95 `lsof -nP -i -F pcnPTt` and `lsof -nP -i` of the same sockets; the
    // field output (one field per line, no f field: a repeated t starts the next file) reads the same.
    [Fact]
    public void Lsof_F_field_output_reads_like_the_table()
    {
        var fields = Fixture.ReadWhole("RealWorldLinux/lsof-nP-i-F-pcnPTt.txt", "lsof");
        var table = Fixture.ReadWhole("RealWorldLinux/lsof-nP-i.txt", "lsof");

        Assert.Equal(table.Latest.Sockets, fields.Latest.Sockets);
        Assert.Equal(new Dictionary<int, int> { [6488] = 8, [6530] = 6, [6532] = 2, [6533] = 10 }, Fixture.ByPid(fields.Latest));
        Assert.Equal(
            new Dictionary<SocketState, int>
            {
                [SocketState.Established] = 12,
                [SocketState.Listen] = 5,
                [SocketState.CloseWait] = 4,
                [SocketState.SynSent] = 3,
                [SocketState.Unconnected] = 2,
            },
            Fixture.ByState(fields.Latest));
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "*", 8080, "*", 0, 6488, "nginx"), fields.Latest.Sockets[0]);
    }

    // Produced here: `lsof -i -F` (every default field: g, R, u, L, f, a, l, G, d, o, TQR/TQS; service names).
    [Fact]
    public void Lsof_F_default_fields_with_service_names()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/lsof-i-F.txt", "lsof");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(26, sockets.Count);
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "*", 8080, "*", 0, 6488, "nginx"), sockets[0]);
        Assert.Equal(5, sockets.Count(s => s.State == SocketState.Listen));
        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.UnknownServiceNames);
    }

    // Produced here: `for i in 1 2 3; do ss -tanp; sleep 1; done` (no `date` lines): the same header
    // three times.
    [Fact]
    public void Ss_loop_without_dates_gives_one_sample_per_table()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/ss-tanp-loop-nodate.txt", "linux-ss");

        Assert.Equal(3, evidence.Series.Count);
        Assert.All(evidence.Series, s => Assert.Equal(34, s.Total));
        Assert.Equal(
            new Dictionary<SocketState, int> { [SocketState.Established] = 20, [SocketState.CloseWait] = 9, [SocketState.Listen] = 5 },
            Fixture.ByState(evidence.Latest));
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.SsUntimedTables && n.Count == 3);
    }

    // Produced here: `netstat -tanpW` and `netstat -uanp` outputs, each under its own pasted command line:
    // two commands, not two samples of one.
    [Fact]
    public void Netstat_tables_under_different_pasted_commands_are_one_snapshot()
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/netstat-tanp-then-uanp.pasted.txt", "linux-netstat");

        Assert.Single(evidence.Series);
        Assert.Equal(36, evidence.Latest.Sockets.Count(s => s.Protocol == TransportProtocol.Tcp));
        Assert.Equal(4, evidence.Latest.Sockets.Count(s => s.Protocol == TransportProtocol.Udp));
    }

    // Shape of Solaris / illumos `netstat -an`: the TCP: IPv4 section as in SmartOS's IMGAPI docs
    // (`netstat -f inet -an`) and saltstack/salt's SunOS helper docstring, UDP "Idle"/"Connected"
    // rows as a Perl parser's comments quote them; the TCP: IPv6 "If" column, SCTP and UNIX section
    // lines are approximate. Our addresses.
    [Fact]
    public void Solaris_netstat_sections_without_a_proto_column() =>
        AssertRows(
            "netstat-an.solaris.txt",
            "bsd-netstat",
            new SocketEntry(TransportProtocol.Udp, IpFamily.IPv4, SocketState.Unconnected, new("*", 111), new("*", 0)),
            new SocketEntry(TransportProtocol.Udp, IpFamily.IPv4, SocketState.Established, new("10.30.0.5", 41934), new("10.30.0.53", 53)),
            Fixture.Tcp(SocketState.Listen, "*", 8080, "*", 0),
            Fixture.Tcp(SocketState.Listen, "127.0.0.1", 8081, "*", 0),
            Fixture.Tcp(SocketState.Established, "10.30.0.5", 8080, "10.30.0.9", 45329),
            Fixture.Tcp(SocketState.TimeWait, "10.30.0.5", 51234, "10.30.0.40", 5432),
            Fixture.Tcp(SocketState.CloseWait, "10.30.0.5", 51236, "10.30.0.40", 5432),
            Fixture.Tcp(SocketState.Listen, "*", 22, "*", 0) with { Family = IpFamily.IPv6 },
            Fixture.Tcp(SocketState.Established, "::1", 5999, "::1", 51002));

    // Produced here: ss 6.1 `ss -tuanp` of wildcard sockets bound to eth0 (SO_BINDTODEVICE):
    // "0.0.0.0%eth0:5068", "[::]%eth0:5080" and a dual-stack listener "*%eth0:5081".
    [Fact]
    public void Ss_wildcard_addresses_bound_to_a_device() =>
        AssertRows(
            "ss-tuanp.device-bound-any.txt",
            "linux-ss",
            new SocketEntry(TransportProtocol.Udp, IpFamily.IPv4, SocketState.Unconnected, new("0.0.0.0%eth0", 5068), new("0.0.0.0", 0)) { Pid = 6136, ProcessName = "python3" },
            Fixture.Tcp(SocketState.Listen, "::%eth0", 5080, "::", 0, 6136, "python3"),
            Fixture.Tcp(SocketState.Listen, "*%eth0", 5081, "*", 0, 6136, "python3"));

    // Produced here: `LC_ALL=xx_XX.UTF-8 TZ=Europe/Berlin date -d '2026-12-01 10:00:00 UTC'` with glibc
    // 2.36 in de, zh_CN, fr, pt_BR, ja, ko, cs, ru, es, it, pl, hu, uk, tr, nb, ro, et, da, sv and nl:
    // the `date` line of a monitoring loop on a localized server. A zone name is read as UTC (noted).
    [Theory]
    [InlineData("Di 1. Dez 11:00:00 CET 2026")]
    [InlineData("2026年 12月 01日 星期二 11:00:00 CET")]
    [InlineData("mar. 01 déc. 2026 11:00:00 CET")]
    [InlineData("ter 01 dez 2026 11:00:00 CET")]
    [InlineData("2026年 12月  1日 火曜日 11:00:00 CET")]
    [InlineData("2026. 12. 01. (화) 11:00:00 CET")]
    [InlineData("Út 1. prosince 2026, 11:00:00 CET")]
    [InlineData("Вт 01 дек 2026 11:00:00 CET")]
    [InlineData("mar 01 dic 2026 11:00:00 CET")]
    [InlineData("mar 1 dic 2026, 11:00:00, CET")]
    [InlineData("wto, 1 gru 2026, 11:00:00 CET")]
    [InlineData("2026. dec. 1., kedd, 11:00:00 CET")]
    [InlineData("вівторок, 1 грудня 2026 11:00:00 +0100")]
    [InlineData("Sal 01 Ara 2026 11:00:00 CET")]
    [InlineData("ti. 01. des. 11:00:00 +0100 2026")]
    [InlineData("marți 1 decembrie 2026, 11:00:00 +0100")]
    [InlineData("T 01 dets  2026 11:00:00 CET")]
    [InlineData("tir  1 dec 11:00:00 CET 2026")]
    [InlineData("tis  1 dec 2026 11:00:00 CET")]
    [InlineData("di  1 dec 2026 11:00:00 CET")]
    public void Localized_date_lines_of_a_monitoring_loop(string line)
    {
        var dates = new PortDoctor.Evidence.Text.UnixDateLine();

        Assert.True(dates.TryParse(line, out var time));
        var expected = line.Contains("+0100", StringComparison.Ordinal)
            ? new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.FromHours(1))
            : new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, time);
    }

    // Produced here: `while`-style loops on localized servers: `date; ss -tanp '( sport = :8080 )'`
    // with LC_ALL=zh_CN.UTF-8 ("2026年 11月 30日 星期一 20:30:59 CST") and `date; netstat -tanpW | grep`
    // with LC_ALL=de_DE.UTF-8 ("Mo 30. Nov 13:31:02 CET 2026").
    [Theory]
    [InlineData("ss-loop.zh_CN.txt", "linux-ss", 3, 13, "CST")]
    [InlineData("netstat-loop.de_DE.txt", "linux-netstat", 2, 16, "CET")]
    public void Monitoring_loop_with_localized_date_lines_is_a_time_series(string file, string format, int samples, int sockets, string zone)
    {
        var evidence = Fixture.ReadWhole("RealWorldLinux/" + file, format);

        Assert.Equal(samples, evidence.Series.Count);
        Assert.All(evidence.Series, s => Assert.Equal(sockets, s.Total));
        Assert.Equal(evidence.Series.Select(s => s.Time).Order(), evidence.Series.Select(s => s.Time));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), evidence.Series[0].Time.UtcDateTime.Date);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.TimeZoneUnresolved && n.Name == zone);
    }
}
