using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using PortDoctor.Evidence.Text;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// The Linux counterpart of the guide's one-minute loop: <c>while :; do date; ss -tanp; sleep 60; done &gt;&gt; log</c>
/// (or netstat). Each `date` line starts a sample, so the log gives a series and growth per process.
/// </summary>
public sealed class LinuxMonitoringLogTests
{
    private const string SsHeader = "State     Recv-Q Send-Q   Local Address:Port    Peer Address:Port Process";

    [Theory]
    [InlineData("Wed Nov 25 05:32:26 UTC 2026", "2026-11-25T05:32:26+00:00")]
    [InlineData("Wed 25 Nov 2026 05:32:26 AM UTC", "2026-11-25T05:32:26+00:00")]
    [InlineData("Wed 25 Nov 2026 12:05:00 AM UTC", "2026-11-25T00:05:00+00:00")]
    [InlineData("Wed 25 Nov 2026 05:32:26 PM UTC", "2026-11-25T17:32:26+00:00")]
    [InlineData("Wed Nov  4 05:32:26 +0100 2026", "2026-11-04T05:32:26+01:00")]
    [InlineData("2026-11-25T05:32:26+00:00", "2026-11-25T05:32:26+00:00")]
    [InlineData("2026-11-25 05:32:26+01:00", "2026-11-25T05:32:26+01:00")]
    [InlineData("2026-11-25 05:32:26", "2026-11-25T05:32:26+00:00")]
    public void Date_lines_as_coreutils_prints_them(string line, string expected)
    {
        var dates = new UnixDateLine();

        Assert.True(dates.TryParse(line, out var time));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
        Assert.Null(dates.SawZoneName);
    }

    [Theory]
    [InlineData("ESTAB     0      0      10.0.0.5:22     10.0.0.1:51234")]
    [InlineData("Wed Nov 31 05:32:26 UTC 2026")]
    [InlineData("Wed Nov 25 25:32:26 UTC 2026")]
    [InlineData("Wednesday is a day 12:00:00")]
    [InlineData("2026-11-25 is when it happened")]
    [InlineData("Wed Nov 25 05:32:26 UTC 0000")]
    [InlineData("Wed Nov 25 05:32:26 +9999 2026")]
    [InlineData("Wed Nov 25 05:32:26 +1460 2026")]
    public void Other_lines_are_not_dates(string line) => Assert.False(new UnixDateLine().TryParse(line, out _));

    [Fact]
    public void A_date_and_ss_loop_gives_one_sample_per_block_and_growth_per_process()
    {
        var text = string.Join("\n",
            "Wed Nov 25 05:30:00 CET 2026",
            SsHeader,
            "LISTEN    0      128      0.0.0.0:22          0.0.0.0:*     users:((\"sshd\",pid=812,fd=3))",
            "ESTAB     0      0       10.0.0.5:40001      10.0.0.9:443   users:((\"java\",pid=3000,fd=70))",
            "Wed Nov 25 05:31:00 CET 2026",
            SsHeader,
            "LISTEN    0      128      0.0.0.0:22          0.0.0.0:*     users:((\"sshd\",pid=812,fd=3))",
            "ESTAB     0      0       10.0.0.5:40001      10.0.0.9:443   users:((\"java\",pid=3000,fd=70))",
            "ESTAB     0      0       10.0.0.5:40002      10.0.0.9:443   users:((\"java\",pid=3000,fd=71))",
            "CLOSE-WAIT 1     0       10.0.0.5:40003      10.0.0.9:443   users:((\"java\",pid=3000,fd=72))",
            "TIME-WAIT 0      0       10.0.0.5:40004      10.0.0.9:443") + "\n"; // ss ends each line

        var evidence = EvidenceReader.ReadText(text, "ss-loop.log");

        Assert.Equal("linux-ss", evidence.Sources[0].Format);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal([2, 5], evidence.Series.Select(s => s.Total));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 5, 31, 0, TimeSpan.Zero), evidence.Latest.Time);
        Assert.Equal(5, evidence.Latest.Sockets.Count);
        var java = evidence.Growth.First();
        Assert.Equal((3000, 1, 3), (java.Pid, java.First, java.Last));
        Assert.Equal(120, java.PerHour);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.TimeZoneUnresolved && n.Name == "CET");
    }

    [Fact]
    public void A_date_and_netstat_loop_gives_one_sample_per_block()
    {
        var text = string.Join("\n",
            "2026-11-25T05:30:00+00:00",
            "Active Internet connections (servers and established)",
            "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name",
            "tcp        0      0 10.0.0.5:40001          10.0.0.9:443            ESTABLISHED 3000/java",
            "2026-11-25T05:32:00+00:00",
            "Active Internet connections (servers and established)",
            "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name",
            "tcp        0      0 10.0.0.5:40001          10.0.0.9:443            ESTABLISHED 3000/java",
            "tcp        0      0 10.0.0.5:40002          10.0.0.9:443            ESTABLISHED 3000/java",
            "tcp        0      0 10.0.0.5:40003          10.0.0.9:443            TIME_WAIT   -") + "\n";

        var evidence = EvidenceReader.ReadText(text, "netstat-loop.log");

        Assert.Equal("linux-netstat", evidence.Sources[0].Format);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal([1, 3], evidence.Series.Select(s => s.Total));
        Assert.Equal(SocketState.TimeWait, evidence.Latest.Sockets[2].State);
        Assert.Equal((3000, 1, 2), (evidence.Growth[0].Pid, evidence.Growth[0].First, evidence.Growth[0].Last));
    }

    [Fact]
    public void A_loop_log_cut_inside_its_last_row_leaves_that_sample_out_and_says_so()
    {
        // Copied while the loop was writing: the last sample stops inside a row.
        var text = string.Join("\n",
            "Wed Nov 25 05:30:00 UTC 2026",
            SsHeader,
            "ESTAB     0      0       10.0.0.5:40001      10.0.0.9:443   users:((\"java\",pid=3000,fd=70))",
            "ESTAB     0      0       10.0.0.5:40002      10.0.0.9:443   users:((\"java\",pid=3000,fd=71))",
            "Wed Nov 25 05:31:00 UTC 2026",
            SsHeader,
            "ESTAB     0      0       10.0.0.5:40001      10.0.0.9:443   users:((\"java\",pid=3000,fd=70))",
            "ESTAB     0      0       10.0.0.5:4");

        var evidence = EvidenceReader.ReadText(text, "cut.log");

        Assert.Equal([2], evidence.Series.Select(s => s.Total));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 5, 30, 0, TimeSpan.Zero), evidence.Latest.Time);
        Assert.Equal(2, evidence.Latest.Sockets.Count);
        var cut = Assert.Single(evidence.Notes, n => n.Kind == NoteKind.LastSampleCut);
        Assert.Equal((new DateTimeOffset(2026, 11, 25, 5, 31, 0, TimeSpan.Zero), "cut.log"), (cut.From, cut.File));
    }
}
