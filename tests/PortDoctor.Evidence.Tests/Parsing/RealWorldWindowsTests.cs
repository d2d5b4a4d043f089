using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// Windows outputs in the shapes public samples show (Microsoft docs, forum and blog posts, issue
/// threads; each fixture's source is named in docs/formats.md). Addresses, PIDs, times and host
/// names are our own; labels, headers and state names are as Windows prints them.
/// </summary>
public sealed class RealWorldWindowsTests
{
    private const string Folder = "RealWorldWindows/";

    private static readonly DateTimeOffset At2231 = new(2026, 11, 24, 22, 31, 10, TimeSpan.Zero);
    private static readonly DateTimeOffset At2230 = new(2026, 11, 24, 22, 30, 0, TimeSpan.Zero);

    /// <summary>Reads a copy of the fixture whose modification time is <paramref name="fileTime"/>, in a temp dir of its own.</summary>
    private static EvidenceSet ReadWithFileTime(string file, DateTime fileTime)
    {
        var dir = Directory.CreateTempSubdirectory("portdoctor-rw-");
        try
        {
            var copy = Path.Combine(dir.FullName, file);
            File.Copy(Fixture.PathOf(Folder + file), copy);
            File.SetLastWriteTimeUtc(copy, fileTime);
            return EvidenceReader.Read([copy]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The file's only Tcpip event, checked for its id and time.</summary>
    private static PortEvent SingleEvent(EvidenceSet evidence, int id, DateTimeOffset time)
    {
        var only = Assert.Single(evidence.Events);
        Assert.Equal(id, only.EventId);
        Assert.Equal(time, only.Time);
        return only;
    }

    [Fact]
    public void Event_viewer_copy_details_with_its_event_xml_gives_one_4227_at_the_am_pm_date()
    {
        var only = SingleEvent(Fixture.ReadWhole(Folder + "eventviewer-copy-details.en.txt", "events-list"), 4227, At2231);

        Assert.Equal("Tcpip", only.Source);
        Assert.EndsWith("to a given remote endpoint.", only.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<Event", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void General_tab_excerpt_without_a_date_keeps_the_event_at_the_file_time_and_says_so()
    {
        var fileTime = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
        var evidence = ReadWithFileTime("eventviewer-general.no-date.en.txt", fileTime);

        Assert.Equal("events-list", evidence.Sources[0].Format);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        var only = SingleEvent(evidence, 4231, new DateTimeOffset(fileTime));
        Assert.StartsWith("A request to allocate an ephemeral port number", only.Message, StringComparison.Ordinal);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.EventsWithoutDate && n.Count == 1);
    }

    [Fact]
    public void German_event_viewer_labels_and_day_first_dates_are_read_and_other_sources_skipped()
    {
        var evidence = Fixture.ReadWhole(Folder + "eventviewer-copy-details.de.txt", "events-list");

        SingleEvent(evidence, 4231, At2230);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.OtherEventsIgnored && n.Count == 1);
    }

    [Fact]
    public void German_wevtutil_text_starts_records_at_ereignis_and_reads_its_labels()
    {
        var only = SingleEvent(Fixture.ReadWhole(Folder + "wevtutil-text.de.txt", "events-list"), 4227, At2231);

        Assert.StartsWith("TCP/IP konnte", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_eventlog_table_masks_the_qualifier_bits_and_takes_the_year_from_the_file()
    {
        var evidence = ReadWithFileTime("get-eventlog.table.txt", new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc));

        Assert.Equal("events-ps-table", evidence.Sources[0].Format);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal([4231, 4227], evidence.Events.Select(e => e.EventId));
        Assert.Equal([At2230, new DateTimeOffset(2026, 11, 24, 22, 31, 0, TimeSpan.Zero)], evidence.Events.Select(e => e.Time));
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.OtherEventsIgnored && n.Count == 1);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.EventsWithoutYear);
    }

    [Fact]
    public void Get_eventlog_table_read_in_january_puts_november_events_in_the_year_before()
    {
        var evidence = ReadWithFileTime("get-eventlog.table.txt", new DateTime(2027, 1, 3, 8, 0, 0, DateTimeKind.Utc));

        Assert.All(evidence.Events, e => Assert.Equal(2026, e.Time.Year));
    }

    [Theory]
    [InlineData("get-eventlog.list.txt", "events-list")]
    [InlineData("get-eventlog.csv", "events-table")]
    [InlineData("get-winevent.ft-wrap.txt", "events-ps-table")]
    public void Get_eventlog_list_and_csv_and_wrapped_get_winevent_give_both_events_whole(string file, string format)
    {
        var evidence = Fixture.ReadWhole(Folder + file, format);

        Assert.Equal([4231, 4227], evidence.Events.Select(e => e.EventId));
        Assert.Equal([At2230, At2231], evidence.Events.Select(e => e.Time));
        Assert.All(evidence.Events, e => Assert.Equal("Tcpip", e.Source));
        Assert.EndsWith("from a given local endpoint to a given remote endpoint.", evidence.Events[1].Message, StringComparison.Ordinal);
        Assert.EndsWith("due to all such ports being in use.", evidence.Events[0].Message, StringComparison.Ordinal);
    }

    /// <summary>The first rows of the Get-NetTCPConnection fixtures.</summary>
    private static readonly SocketEntry[] ListenTimeWaitEstablished =
    [
        Fixture.Tcp(SocketState.Listen, "::", 49669, "::", 0, 784),
        Fixture.Tcp(SocketState.TimeWait, "10.0.0.5", 49713, "10.0.0.9", 443, null),
        Fixture.Tcp(SocketState.Established, "10.0.0.5", 49712, "10.0.0.9", 443, 4321),
    ];

    [Fact]
    public void Autosized_table_with_right_aligned_state_and_the_echoed_prompt_is_read_whole()
    {
        var sockets = Fixture.ReadWhole(Folder + "get-nettcpconnection.ft-autosize.txt", "powershell-table").Latest.Sockets;

        Assert.Equal([.. ListenTimeWaitEstablished, Fixture.Tcp(SocketState.Bound, "0.0.0.0", 50001, "0.0.0.0", 0, 7788)], sockets);
    }

    [Fact]
    public void Select_object_with_a_process_name_column_names_each_owner_but_not_pid_0()
    {
        var evidence = Fixture.ReadWhole(Folder + "get-nettcpconnection.select-processname.ft.txt", "powershell-table");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(["lsass", null, "app", "leaky"], sockets.Select(s => s.ProcessName));
        Assert.Equal("leaky", evidence.Latest.Processes[7788].Name);
        Assert.Equal(SocketState.Bound, sockets[3].State);
    }

    // Export-Csv -UseCulture writes the locale's list separator (";" in German and other European
    // locales, per Export-Csv's documentation); rows copied from Out-GridView or a spreadsheet are
    // tab-separated. Both shapes are reconstructed from that documented behaviour, not from a paste.
    // PowerShell 7.2 wrote the table header's color into files (PowerShell/PowerShell#17570: Format-Table
    // | Out-File) and a legacy console shows list labels' color codes as "←[32;1m" (#15978); where the
    // sequences sit is reconstructed from those reports.
    [Theory]
    [InlineData("get-nettcpconnection.notypeinformation.csv", "powershell-csv")]
    [InlineData("get-nettcpconnection.useculture.de.csv", "powershell-csv")]
    [InlineData("get-nettcpconnection.gridview-copy.tsv", "powershell-csv")]
    [InlineData("get-nettcpconnection.ps72-out-file.colored.txt", "powershell-table")]
    [InlineData("get-nettcpconnection.list.legacy-console-colored.utf8.txt", "powershell-list")]
    public void Csv_with_any_separator_and_colored_tables_and_lists_are_read(string file, string format)
    {
        var sockets = Fixture.ReadWhole(Folder + file, format).Latest.Sockets;

        Assert.Equal(ListenTimeWaitEstablished, sockets);
    }

    [Theory]
    [InlineData("group-object.owningprocess.txt")]
    [InlineData("group-object.owningprocess-noelement.txt")]
    public void Group_object_by_owning_process_alone_counts_per_pid_with_unknown_states(string file)
    {
        var evidence = Fixture.ReadWhole(Folder + file, "powershell-group");
        var snapshot = evidence.Latest;

        Assert.Equal(new Dictionary<int, int> { [4321] = 45, [784] = 3 }, Fixture.ByPid(snapshot));
        Assert.Equal(860, Fixture.Total(snapshot));
        Assert.Empty(snapshot.Sockets);
        Assert.All(snapshot.CountedSockets, s => Assert.Equal(SocketState.Unknown, s.State));
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.GroupedWithoutState);
    }

    [Fact]
    public void Group_object_by_owning_process_then_state_reads_the_pid_first()
    {
        var evidence = Fixture.ReadWhole(Folder + "group-object.owningprocess-state.txt", "powershell-group");
        var snapshot = evidence.Latest;

        Assert.Equal(new Dictionary<SocketState, int> { [SocketState.TimeWait] = 812, [SocketState.Established] = 45, [SocketState.CloseWait] = 2, [SocketState.Listen] = 3 },
            Fixture.ByState(snapshot));
        Assert.Equal(new Dictionary<int, int> { [4321] = 47, [784] = 3 }, Fixture.ByPid(snapshot));
        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.GroupedWithoutState);
    }

    [Fact]
    public void Chinese_netsh_dynamicport_gives_the_configured_range()
    {
        var evidence = Fixture.ReadWhole(Folder + "netsh-dynamicport-tcp.zh.txt", "netsh");

        Assert.Equal(new PortRange(10000, 55535), evidence.Ports.Find(TransportProtocol.Tcp, IpFamily.IPv4)!.Range);
    }

    [Fact]
    public void Chinese_netsh_excludedportrange_keeps_the_administered_mark()
    {
        var excluded = Fixture.ReadWhole(Folder + "netsh-excludedportrange-tcp.zh.txt", "netsh").Ports.Excluded;

        Assert.Equal(
            [PortRange.FromBounds(5357, 5357), PortRange.FromBounds(50000, 50059), PortRange.FromBounds(54364, 54463)],
            excluded.Select(e => e.Range));
        Assert.Equal([false, true, false], excluded.Select(e => e.Administered));
        Assert.All(excluded, e => Assert.Equal(TransportProtocol.Tcp, e.Protocol));
    }

    [Fact]
    public void Findstr_output_without_title_or_header_is_rows_only_and_read()
    {
        var sockets = Fixture.ReadWhole(Folder + "netstat-ano.findstr-rows-only.txt", "windows-netstat").Latest.Sockets;

        Assert.Equal([SocketState.Listen, SocketState.Established, SocketState.TimeWait, SocketState.Listen], sockets.Select(s => s.State));
        Assert.Equal([7420, 7420, null, 7420], sockets.Select(s => s.Pid));
        Assert.All(sockets, s => Assert.Equal(8080, s.Local.Port));
        Assert.Equal(new Endpoint("10.0.0.9", 52311), sockets[1].Remote);
        Assert.Equal(IpFamily.IPv6, sockets[3].Family);
    }

    [Fact]
    public void Japanese_header_pasted_from_a_web_page_with_single_spaces_is_read()
    {
        var sockets = Fixture.ReadWhole(Folder + "netstat-ano.ja.web-collapsed.txt", "windows-netstat").Latest.Sockets;

        Assert.Equal(5, sockets.Count);
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "0.0.0.0", 135, "0.0.0.0", 0, 1288), sockets[0]);
        Assert.Equal(Fixture.Tcp(SocketState.Established, "192.168.1.7", 55679, "10.20.30.40", 443, 3976), sockets[3]);
        Assert.Equal(SocketState.TimeWait, sockets[4].State);
    }

    [Theory]
    [InlineData("netstat-ano.tabs.txt", 2)]
    [InlineData("netstat-anof.fqdn.txt", 3)]
    public void Tab_separated_and_fqdn_rows_are_read(string file, int count)
    {
        var sockets = Fixture.ReadWhole(Folder + file, "windows-netstat").Latest.Sockets;

        Assert.Equal(count, sockets.Count);
        Assert.Equal(Fixture.Tcp(SocketState.Listen, "0.0.0.0", 135, "0.0.0.0", 0, 1060), sockets[0]);
        Assert.Equal(SocketState.Established, sockets[1].State);
        Assert.Equal(443, sockets[1].Remote.Port);
        Assert.Equal(4321, sockets[1].Pid);
    }

    [Fact]
    public void Fqdn_rows_keep_the_host_name_and_say_so()
    {
        var evidence = Fixture.ReadWhole(Folder + "netstat-anof.fqdn.txt", "windows-netstat");

        Assert.Equal(new Endpoint("server9.corp.contoso.com", 443), evidence.Latest.Sockets[1].Remote);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.HostNamesForAddresses);
    }

    [Theory]
    [InlineData("netstat-ano.de.schliessen-warten.utf8.txt", SocketState.CloseWait)]
    [InlineData("netstat-ano.ru-old-states.cp866.txt", SocketState.Established)]
    public void Translated_state_names_of_older_windows_are_mapped(string file, SocketState second)
    {
        var evidence = Fixture.ReadWhole(Folder + file, "windows-netstat");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(SocketState.Listen, sockets[0].State);
        Assert.Equal(second, sockets[1].State);
        Assert.Equal(4321, sockets[1].Pid);
        Assert.Equal(SocketState.TimeWait, sockets[^1].State);
        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.UnknownStateName);
    }

    [Fact]
    public void French_ownership_sentence_of_netstat_b_leaves_that_row_without_owner()
    {
        var evidence = Fixture.ReadWhole(Folder + "netstat-anb.fr.no-ownership.utf8.txt", "windows-netstat");

        Assert.Equal(["svchost.exe", null, "app.exe"], evidence.Latest.Sockets.Select(s => s.ProcessName));
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.OwnershipUnavailable && n.Count == 1);
    }

    [Fact]
    public void Korean_format_list_times_with_the_afternoon_marker_before_the_clock_are_read()
    {
        var evidence = Fixture.ReadWhole(Folder + "get-winevent.list.ko.txt", "events-list");

        // Events come in time order: 오후 10:30 (4231) before 오후 10:31 (4227).
        Assert.Equal([4231, 4227], evidence.Events.Select(e => e.EventId));
        Assert.Equal([At2230, At2231], evidence.Events.Select(e => e.Time));
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.OtherEventsIgnored && n.Count == 1);
    }

    // microsoft/WSL#5306 (2022-06-13 comment): a Spanish "show excludedportrange protocol=tcp" pasted
    // from its column header on, inside Markdown inline-code backticks. It used to be taken for a
    // Group-Object count table (1025 sockets of "PID 1124", ...).
    [Fact]
    public void Spanish_excludedportrange_pasted_without_its_title_is_netsh_and_read_as_tcp()
    {
        var evidence = Fixture.ReadWhole(Folder + "netsh-excludedportrange-tcp.es.untitled.txt", "netsh");

        Assert.Empty(evidence.Latest.Sockets);
        Assert.Equal(
            [PortRange.FromBounds(1025, 1124), PortRange.FromBounds(1125, 1224), PortRange.FromBounds(5357, 5357),
                PortRange.FromBounds(24902, 25001), PortRange.FromBounds(50000, 50059)],
            evidence.Ports.Excluded.Select(e => e.Range));
        Assert.All(evidence.Ports.Excluded, e => Assert.Equal(TransportProtocol.Tcp, e.Protocol));
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.NetshWithoutTitle);
    }

    // docker/for-win#1707 (2018-03-02 comment): the exclusions listed in a PowerShell session before
    // and after "docker run", with the prompts and the container id between them.
    [Fact]
    public void Excludedportrange_in_a_powershell_session_skips_the_prompts_and_counts_only_the_container_id()
    {
        var evidence = Fixture.Read(Folder + "netsh-excludedportrange-tcp.ps-session.txt");
        var source = evidence.Sources[0];

        Assert.Equal("netsh", source.Format);
        Assert.Equal([15L], source.UnreadableLines);
        Assert.Equal(9, evidence.Ports.Excluded.Count);
        Assert.Contains(evidence.Ports.Excluded, e => e.Range == PortRange.FromBounds(8080, 8080));
        Assert.All(evidence.Ports.Excluded, e => Assert.Equal((TransportProtocol.Tcp, IpFamily.IPv4), (e.Protocol!.Value, e.Family!.Value)));
    }

    // A German blog post on Hyper-V reserving Docker's port 50000 (public GitHub markdown, found by its
    // text; it cites docker/for-win#3171): the title quotes "tcp", the output sits in a ```log fence.
    [Fact]
    public void German_excludedportrange_with_the_quoted_protocol_in_a_code_fence_is_read()
    {
        var excluded = Fixture.ReadWhole(Folder + "netsh-excludedportrange-tcp.de.fenced.utf8.txt", "netsh").Ports.Excluded;

        Assert.Equal(
            [PortRange.FromBounds(28300, 28300), PortRange.FromBounds(49700, 49799), PortRange.FromBounds(50000, 50000), PortRange.FromBounds(50001, 50100)],
            excluded.Select(e => e.Range));
        Assert.Equal([false, false, true, false], excluded.Select(e => e.Administered));
        Assert.All(excluded, e => Assert.Equal(TransportProtocol.Tcp, e.Protocol));
    }

    // netstat's own usage ("interval: redisplays ... Press CTRL+C to stop", also commandwindows.com/netstat.htm):
    // each run repeats its title and header, and Ctrl+C leaves "^C" and the prompt. The repeated title
    // right under the last row used to be counted as a -b "cannot obtain ownership" sentence.
    [Fact]
    public void Interval_runs_without_dates_are_one_sample_each_and_their_titles_are_not_ownership_sentences()
    {
        var evidence = Fixture.ReadWhole(Folder + "netstat-ano.interval-ctrl-c.txt", "windows-netstat");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(2, evidence.Series.Count);
        Assert.Equal(new Dictionary<SocketState, int> { [SocketState.Listen] = 1, [SocketState.Established] = 2, [SocketState.TimeWait] = 1 }, Fixture.ByState(evidence.Latest));
        Assert.Equal(new Dictionary<int, int> { [1060] = 1, [4321] = 2 }, Fixture.ByPid(evidence.Latest));
        Assert.Equal(Fixture.Tcp(SocketState.Established, "10.0.0.5", 50003, "10.0.0.9", 443, 4321), sockets[2]);
        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.OwnershipUnavailable);
    }

    // Issue threads paste output inside Markdown fences ("```", "```powershell title=...") with the
    // prompt; tutorials elide rows with "[...]" (a PowerShell walkthrough's Get-NetTCPConnection, and
    // snowcapcyber/PowerShell-for-Penetration-Testing for the table without OwningProcess).
    public static TheoryData<string, string, SocketEntry[]> PastedShapes => new()
    {
        {
            "netstat-ano.findstr.fenced.txt", "windows-netstat",
            [
                Fixture.Tcp(SocketState.Listen, "0.0.0.0", 5432, "0.0.0.0", 0, 4412),
                Fixture.Tcp(SocketState.Established, "127.0.0.1", 5432, "127.0.0.1", 50111, 4412),
                Fixture.Tcp(SocketState.Established, "127.0.0.1", 50111, "127.0.0.1", 5432, 7788),
                Fixture.Tcp(SocketState.Listen, "::", 5432, "::", 0, 4412),
            ]
        },
        {
            "get-nettcpconnection.fenced-elision.txt", "powershell-table",
            [
                Fixture.Tcp(SocketState.Listen, "::", 22, "::", 0, 1444),
                Fixture.Tcp(SocketState.TimeWait, "10.0.0.5", 49695, "10.0.0.9", 80, null),
                Fixture.Tcp(SocketState.Listen, "0.0.0.0", 49668, "0.0.0.0", 0, 424),
                Fixture.Tcp(SocketState.Established, "10.0.0.5", 22, "10.0.0.77", 53523, 1444),
            ]
        },
        {
            // PowerShell/PowerShell#18294 and #19866: PowerShell 7.3's Select-String marks the match with VT
            // sequences, and a Windows 10 console shows (and copies) the escape as "←": "0.0.0.0:←[7m8080←[0m".
            "netstat-ano.select-string.console-copy.utf8.txt", "windows-netstat",
            [
                Fixture.Tcp(SocketState.Listen, "0.0.0.0", 8080, "0.0.0.0", 0, 7420),
                Fixture.Tcp(SocketState.Established, "10.0.0.5", 8080, "10.0.0.9", 52311, 7420),
                Fixture.Tcp(SocketState.TimeWait, "10.0.0.5", 52312, "10.0.0.9", 8080, null),
                Fixture.Tcp(SocketState.Listen, "::", 8080, "::", 0, 7420),
            ]
        },
        {
            // Remote-shell write-ups (Evil-WinRM sessions, e.g. the Hack The Box write-ups above) keep a
            // tagged prompt before and after the rows: "*Evil-WinRM* PS C:\Users\svc\Documents> ".
            "netstat-ano.evil-winrm-prompts.txt", "windows-netstat",
            [
                Fixture.Tcp(SocketState.Listen, "0.0.0.0", 88, "0.0.0.0", 0, 664),
                Fixture.Tcp(SocketState.Listen, "0.0.0.0", 135, "0.0.0.0", 0, 920),
                Fixture.Tcp(SocketState.Listen, "::", 5985, "::", 0, 4),
            ]
        },
        {
            // Guides add the process path to the table (snowcapcyber/PowerShell-for-Penetration-Testing
            // selects Path the same way); a narrow console cuts it with "...", which used to cost the row.
            "get-nettcpconnection.select-path.cut.txt", "powershell-table",
            [
                Fixture.Tcp(SocketState.Established, "10.0.0.5", 50124, "10.0.0.9", 443, 4321),
                Fixture.Tcp(SocketState.Established, "10.0.0.5", 50125, "10.0.0.9", 443, 4321),
                Fixture.Tcp(SocketState.Established, "127.0.0.1", 49670, "127.0.0.1", 49671, 7788),
            ]
        },
        {
            "get-nettcpconnection.list.fenced.txt", "powershell-list",
            [
                Fixture.Tcp(SocketState.TimeWait, "10.0.0.5", 50123, "10.0.0.9", 443, null),
                Fixture.Tcp(SocketState.Established, "10.0.0.5", 50124, "10.0.0.9", 443, 4321),
            ]
        },
    };

    [Theory]
    [MemberData(nameof(PastedShapes))]
    public void Pasted_output_with_fences_prompts_elisions_or_match_marks_is_read_row_by_row(string file, string format, SocketEntry[] expected)
    {
        Assert.Equal(expected, Fixture.ReadWhole(Folder + file, format).Latest.Sockets);
    }

    [Fact]
    public void Table_without_an_owningprocess_column_keeps_every_row_and_says_owners_are_unknown()
    {
        var evidence = Fixture.ReadWhole(Folder + "get-nettcpconnection.no-owningprocess.txt", "powershell-table");

        Assert.Equal(
            [
                Fixture.Tcp(SocketState.Listen, "::", 445, "::", 0),
                Fixture.Tcp(SocketState.Bound, "0.0.0.0", 65144, "0.0.0.0", 0),
                Fixture.Tcp(SocketState.CloseWait, "10.0.0.5", 65144, "10.0.0.9", 443),
                Fixture.Tcp(SocketState.Established, "10.0.0.5", 50577, "10.0.0.8", 3389),
            ],
            evidence.Latest.Sockets);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.NoOwningProcessColumn);
    }

    // ETWAnalyzer's TCP documentation (Alois-xx, GitHub): "PS> Get-NetTCPSetting" in a fence, the
    // Automatic template elided with "...", units in the labels ("MinRto(ms)"). The range names are
    // never translated, so this reads the dynamic range in any display language.
    [Fact]
    public void Get_nettcpsetting_list_gives_the_internet_templates_range_and_names_the_one_that_differs()
    {
        var evidence = Fixture.ReadWhole(Folder + "get-nettcpsetting.list.txt", "powershell-list");

        Assert.Equal(new PortRange(20000, 30000), evidence.Ports.Find(TransportProtocol.Tcp, IpFamily.IPv4)!.Range);
        Assert.Empty(evidence.Latest.Sockets);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.TemplatesDiffer && n.Name == "Internet" && n.Range == new PortRange(20000, 30000) && n.Names.SequenceEqual(["Datacenter 49152-65535"]));
    }

    [Fact]
    public void Get_nettcpsetting_beside_a_netstat_capture_sets_the_range_and_keeps_the_sockets()
    {
        var evidence = Fixture.Read(Folder + "get-nettcpsetting.list.txt", Folder + "netstat-ano.interval-ctrl-c.txt");

        Assert.Equal(4, evidence.Latest.Sockets.Count);
        Assert.Equal(new PortRange(20000, 30000), evidence.Ports.Find(TransportProtocol.Tcp, IpFamily.IPv4)!.Range);
    }

    // Esri/arcgis-powershell-dsc#257: Event Viewer's "Copy details" pasted with the opening fence on
    // the "Log Name:" line and a day-first date under English labels; microsoft/AL#4468: a two-digit
    // year ("1/15/19 9:01:10 PM") and the Event Xml part cut off after <Data>.
    [Theory]
    [InlineData("eventviewer-copy-details.fenced-day-first.en.txt")]
    [InlineData("eventviewer-copy-details.two-digit-year.en.txt")]
    public void Event_viewer_details_pasted_with_a_glued_fence_or_a_two_digit_year_give_the_4227(string file)
    {
        var only = SingleEvent(Fixture.ReadWhole(Folder + file, "events-list"), 4227, At2231);

        Assert.EndsWith("to a given remote endpoint.", only.Message, StringComparison.Ordinal);
    }

    // netstat -t adds an "Offload State" column: "netstat -oat" and "netstat -nto" in several public
    // write-ups (Hack The Box boxes, pasted from a PowerShell prompt), the PID and "InHost" separated
    // by a tab; without -o the word follows the state (the layout netstat's message table gives:
    // "State           Offload State"). Rows were unreadable, or UNKNOWN without -o.
    [Fact]
    public void Offload_state_column_after_the_pid_is_not_part_of_the_row()
    {
        var evidence = Fixture.ReadWhole(Folder + "netstat-oat.offload-state.txt", "windows-netstat");

        Assert.Equal(new Dictionary<SocketState, int> { [SocketState.Listen] = 2, [SocketState.Established] = 2, [SocketState.TimeWait] = 1 }, Fixture.ByState(evidence.Latest));
        Assert.Equal(new Dictionary<int, int> { [4536] = 1, [3416] = 2, [4] = 1 }, Fixture.ByPid(evidence.Latest));
        Assert.Equal(Fixture.Tcp(SocketState.Established, "10.0.0.5", 1433, "10.0.0.5", 49826, 3416), evidence.Latest.Sockets[2]);
        Assert.Equal(new Endpoint("::", 445), evidence.Latest.Sockets[4].Local);
    }

    [Fact]
    public void Offload_state_column_without_pids_leaves_the_state_readable()
    {
        var evidence = Fixture.ReadWhole(Folder + "netstat-ant.offload-state.txt", "windows-netstat");

        Assert.Equal([SocketState.Established, SocketState.TimeWait, SocketState.CloseWait], evidence.Latest.Sockets.Select(s => s.State));
        Assert.All(evidence.Latest.Sockets, s => Assert.Null(s.Pid));
        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.UnknownStateName);
    }

    // Runbooks on GitHub (a Chinese port-exhaustion runbook, a Portuguese .NET HttpClient guide, batch
    // monitors) have customers count one state with `netstat -an | find /c "TIME_WAIT"`; the console
    // shows the command and a bare number. The PowerShell form prints the same way. The commands are
    // from those sources; the pasted sessions are ours. Such files were "not a known evidence format".
    [Theory]
    [InlineData("netstat-find-count.cmd.txt", 37)]
    [InlineData("get-nettcpconnection.state-count.txt", 0)]
    public void Counts_printed_under_a_counting_command_are_that_states_total(string file, int closeWait)
    {
        var evidence = Fixture.ReadWhole(Folder + file, "state-counts");
        var expected = new Dictionary<SocketState, int> { [SocketState.TimeWait] = 15230, [SocketState.Established] = 214 };
        if (closeWait > 0)
        {
            expected[SocketState.CloseWait] = closeWait;
        }

        Assert.Equal(expected, Fixture.ByState(evidence.Latest));
        Assert.Equal(OsKind.Windows, evidence.Latest.Os);
    }

    // Get-WinEvent | Select Message, Id, ProviderName, TimeCreated, LevelDisplayName | Export-Csv
    // -UseCulture on a German system: ";" between quoted cells, day-first times (the separator as
    // Export-Csv documents it; the German message texts are ours, not Windows' wording).
    [Fact]
    public void Get_winevent_csv_with_the_culture_separator_gives_both_tcpip_events()
    {
        var evidence = Fixture.ReadWhole(Folder + "get-winevent.useculture.de.csv", "events-table");

        Assert.Equal([4231, 4227], evidence.Events.Select(e => e.EventId));
        Assert.Equal([At2230, At2231], evidence.Events.Select(e => e.Time));
        Assert.StartsWith("TCP/IP konnte keine ausgehende Verbindung herstellen, da", evidence.Events[1].Message, StringComparison.Ordinal);
    }

    // flipace/whoport#1: two `netstat -aon | find ...` runs pasted one after the other, each under its
    // prompt. They were one snapshot, the socket both runs show counted twice.
    [Fact]
    public void Each_echoed_netstat_command_starts_a_sample_of_its_own()
    {
        var evidence = Fixture.ReadWhole(Folder + "netstat-aon.two-find-runs.txt", "windows-netstat");

        Assert.Equal([2, 1], evidence.Series.Select(s => s.Total));
        Assert.Equal([Fixture.Tcp(SocketState.Listen, "127.0.0.2", 80, "0.0.0.0", 0, 3040)], evidence.Latest.Sockets);
    }

    // The usual forum answer: `netstat -ano | findstr :8080`, then `tasklist /fi "pid eq ..."` or
    // `tasklist | findstr ...` to name the PID (Ylianst/MeshCentral#506 and whoport#1 show the netstat
    // half; the tasklist layout is tasklist's standard one, not taken from a paste). tasklist's header,
    // rule and rows used to be unreadable lines; now they name the PIDs.
    [Fact]
    public void Tasklist_pasted_under_the_rows_names_their_pids()
    {
        var evidence = Fixture.ReadWhole(Folder + "netstat-ano.findstr-then-tasklist.txt", "windows-netstat");

        Assert.Equal(["java.exe", "java.exe", "Code - Insiders.exe"], evidence.Latest.Sockets.Select(s => s.ProcessName));
        Assert.Equal("java.exe", evidence.Latest.Processes[4412].Name);
    }
}
