using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed class WindowsNetstatVariantsTests
{
    [Fact]
    public void Anob_attaches_exe_and_services_and_counts_ownership_failures()
    {
        var evidence = Fixture.Read("Windows/netstat-anob.en.txt");
        var snapshot = evidence.Latest;

        Assert.Equal(8, snapshot.Sockets.Count);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal("svchost.exe", snapshot.Sockets.Single(s => s.Local == new Endpoint("0.0.0.0", 135)).ProcessName);
        Assert.Null(snapshot.Sockets.Single(s => s.Local.Port == 445).ProcessName);
        Assert.Equal(2, snapshot.Sockets.Count(s => s.ProcessName == "app.exe"));
        Assert.Null(snapshot.Sockets.Single(s => s.State == SocketState.TimeWait).ProcessName);
        Assert.Equal(["RpcSs"], snapshot.Processes[1060].Services);
        Assert.Equal("svchost.exe", snapshot.Processes[5120].Name);
        Assert.Equal(["SSDPSRV"], snapshot.Processes[5120].Services);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.OwnershipUnavailable && n.Count == 1);
    }

    [Fact]
    public void Anob_in_german_cp850_reads_the_localized_ownership_line()
    {
        var evidence = Fixture.Read("Windows/netstat-anob.de.cp850.txt");
        var snapshot = evidence.Latest;

        Assert.Equal(6, snapshot.Sockets.Count);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal(2, Fixture.ByState(snapshot)[SocketState.Listen]);
        Assert.Equal(SocketState.CloseWait, snapshot.Sockets.Single(s => s.Local.Port == 49715).State);
        Assert.Equal("app.exe", snapshot.Processes[4321].Name);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.OwnershipUnavailable && n.Count == 1);
    }

    [Fact]
    public void Anoq_reads_bound_rows_per_pid()
    {
        var snapshot = Fixture.Read("Windows/netstat-anoq.en.txt").Latest;

        Assert.Equal(9, snapshot.Sockets.Count);
        Assert.Equal(4, Fixture.ByState(snapshot)[SocketState.Bound]);
        Assert.Equal(new Endpoint("0.0.0.0", 5353), snapshot.Sockets.Single(s => s.Protocol == TransportProtocol.Udp && s.Pid == 7788).Local);
        Assert.Equal(IpFamily.IPv6, snapshot.Sockets.Single(s => s.Local.Port == 5355).Family);
        Assert.Equal(3, snapshot.Sockets.Count(s => s.State == SocketState.Bound && s.Pid == 7788));
        Assert.Equal(IpFamily.IPv6, snapshot.Sockets.Single(s => s.Pid == 4321).Family);
    }

    [Fact]
    public void Host_and_service_names_are_kept_and_stated()
    {
        var evidence = Fixture.Read("Windows/netstat-a-hostnames.en.txt");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(5, sockets.Count);
        Assert.Equal(new Endpoint("0.0.0.0", 135), sockets[0].Local);
        Assert.Equal(new Endpoint("db01.contoso.local", 1433), sockets[1].Remote);
        Assert.Equal(2, sockets.Count(s => s.Remote == new Endpoint("web01", 443)));
        Assert.Equal(new Endpoint("0.0.0.0", 500), sockets[4].Local);
        Assert.All(sockets, s => Assert.Null(s.Pid));
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.NoPidColumn);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.HostNamesForAddresses);
    }

    [Fact]
    public void Periodic_log_en_us_gives_one_snapshot_per_block_in_time_order()
    {
        var evidence = Fixture.Read("Windows/periodic.en-US.log");

        Assert.Equal(3, evidence.Series.Count);
        Assert.True(evidence.IsTimeSeries);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 14, 30, 0, 120, TimeSpan.Zero), evidence.Series[0].Time);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 14, 32, 0, 90, TimeSpan.Zero), evidence.Series[2].Time);
        Assert.Equal([3, 5, 6], evidence.Series.Select(s => s.Total));
        Assert.Equal([1, 3, 5], evidence.Series.Select(s => s.ByPid.GetValueOrDefault(4321)));
        Assert.Equal(3, evidence.Series[2].ByPidAndState[(4321, SocketState.CloseWait)]);
        Assert.Equal(evidence.Series[2].Time, evidence.Latest.Time);
        var growth = evidence.Growth[0];
        Assert.Equal((4321, 1, 5, 4), (growth.Pid, growth.First, growth.Last, growth.Growth));
        Assert.Equal(0, evidence.Growth.Single(g => g.Pid == 1060).Growth);
        Assert.Equal(6, evidence.Latest.Sockets.Count);
    }

    [Fact]
    public void Periodic_log_de_de_reads_day_first_dates_and_space_padded_hours()
    {
        var evidence = Fixture.Read("Windows/periodic.de-DE.cp850.log");

        Assert.Equal(2, evidence.Series.Count);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 9, 5, 3, 120, TimeSpan.Zero), evidence.Series[0].Time);
        Assert.Equal([2, 4], evidence.Series.Select(s => s.ByState[SocketState.TimeWait]));
        Assert.Equal(1, evidence.Latest.Sockets.Count(s => s.State == SocketState.Listen));
    }

    [Fact]
    public void Periodic_log_zh_cn_reads_year_first_dates_with_weekday()
    {
        var evidence = Fixture.Read("Windows/periodic.zh-CN.cp936.log");

        Assert.Equal(2, evidence.Series.Count);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 14, 31, 0, 120, TimeSpan.Zero), evidence.Series[1].Time);
    }

    [Fact]
    public void Damaged_rows_are_counted_with_line_numbers_and_the_rest_is_read()
    {
        var evidence = Fixture.Read("Windows/netstat-ano.damaged.txt");
        var source = evidence.Sources[0];

        Assert.Equal(6, evidence.Latest.Sockets.Count);
        Assert.Equal(4, source.UnreadableCount);
        Assert.Equal([7L, 9L, 11L, 14L], source.UnreadableLines);
        Assert.Equal("4 unreadable lines: 7, 9, 11, 14", source.UnreadableSummary);
    }

    [Fact]
    public void An_empty_file_contributes_nothing_and_says_so()
    {
        var evidence = Fixture.Read("Windows/empty.txt");

        Assert.Equal("empty", evidence.Sources[0].Format);
        Assert.False(evidence.HasSockets);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.EmptyFile);
    }

    [Fact]
    public void A_binary_file_is_one_line_naming_the_file_the_formats_tried_and_the_first_line()
    {
        var path = Fixture.PathOf("Windows/binary.bin");

        var error = Assert.Throws<PortDoctorException>(() => EvidenceReader.Read([path], null, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCode.BadInput, error.Code);
        Assert.StartsWith($"{path}: not a known evidence format (tried windows-netstat, ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("first line: binary data", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\0', error.Message);
    }

    [Fact]
    public void A_missing_file_is_one_line()
    {
        var error = Assert.Throws<PortDoctorException>(() => EvidenceReader.Read(["/nonexistent/netstat.txt"], null, TestContext.Current.CancellationToken));

        Assert.Equal("/nonexistent/netstat.txt: no such file", error.Message);
    }

    [Fact]
    public void A_directory_is_named_as_one()
    {
        var dir = Path.GetTempPath().TrimEnd('/');
        var error = Assert.Throws<PortDoctorException>(() => EvidenceReader.Read([dir], null, TestContext.Current.CancellationToken));

        Assert.Equal($"{dir}: is a directory: name the files in it", error.Message);
    }
    [Fact]
    public void A_row_wrapped_by_a_narrow_console_is_joined_and_the_prompt_after_the_output_is_skipped()
    {
        var evidence = EvidenceReader.ReadText(string.Join("\r\n",
            "C:\\Users\\me>netstat -ano",
            "",
            "Active Connections",
            "",
            "  Proto  Local Address          Foreign Address        State           PID",
            "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1060",
            "  TCP    [fe80::1c2d:3e4f:5a6b:7c8d%12]:49732  [fe80::9a8b:7c6d:5e4f:3a2b%12]:445",
            "ESTABLISHED     4",
            "  TCP    10.0.0.5:49733         10.0.0.9:4",
            "43           TIME_WAIT       0",
            "  TCP    10.0.0.5:49734         10.0.0.9:443",
            "Active Connections",
            "",
            "C:\\Users\\me>"));

        var sockets = evidence.Latest.Sockets;
        Assert.Equal(3, sockets.Count);
        Assert.Equal(SocketState.Established, sockets[1].State);
        Assert.Equal(new Endpoint("fe80::9a8b:7c6d:5e4f:3a2b%12", 445), sockets[1].Remote);
        Assert.Equal(4, sockets[1].Pid);
        Assert.Equal(new Endpoint("10.0.0.9", 443), sockets[2].Remote);
        Assert.Equal(SocketState.TimeWait, sockets[2].State);

        // The half row followed by a title line is not a row: it is the one unreadable line.
        Assert.Equal([11L], evidence.Sources[0].UnreadableLines);
    }
}
