using System.Globalization;
using System.Text;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Evidence;
using PortDoctor.Evidence.PowerShell;
using PortDoctor.Evidence.Text;
using PortDoctor.Evidence.Windows;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// Issue 10 section 4: bad input costs bounded time and memory, and says where it is bad. The
/// timings themselves are in bench/hostile-input.sh; these assert what the bounds change.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pdo-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Ways => new("utf8", "parallel", "utf16");

    [Theory]
    [MemberData(nameof(Ways))]
    public void A_line_over_1_MB_is_one_line_and_the_lines_after_it_keep_their_numbers(string way)
    {
        // 1: title, 2: blank, 3: header, 4: row, 5: 2.5 MB of junk (three pieces), 6: a bad row, 7: row.
        var text = "Active Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n" +
            "  TCP    10.0.0.5:50000         10.0.0.9:443           ESTABLISHED     100\r\n" +
            new string('x', (5 << 20) / 2) + "\r\n" +
            "  TCP    10.0.0.5:50001         nonsense\r\n" +
            "  TCP    10.0.0.5:50002         10.0.0.9:443           ESTABLISHED     100\r\n";
        var path = Path.Combine(_dir, "long.txt");
        File.WriteAllBytes(path, way == "utf16" ? [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)] : Encoding.UTF8.GetBytes(text));
        var options = way == "parallel"
            ? new EvidenceReadOptions { ParallelMinBytes = 0, ParallelChunkBytes = 4096, ParallelWorkers = 2 }
            : new EvidenceReadOptions { ParallelMinBytes = long.MaxValue };

        var evidence = EvidenceReader.Read([path], options, TestContext.Current.CancellationToken);

        Assert.Equal(2, evidence.Latest.Sockets.Count);
        Assert.Equal([5L, 6L], evidence.Sources[0].UnreadableLines);
        Assert.Equal(2, evidence.Sources[0].UnreadableCount);
    }

    [Fact]
    public void A_value_continued_over_a_hundred_thousand_lines_is_joined_once_and_kept_bounded()
    {
        IReadOnlyDictionary<string, string>? record = null;
        var records = new KeyValueRecords((r, _) => record = new Dictionary<string, string>(r, StringComparer.Ordinal));
        records.Line("Message : first", 1);
        for (var i = 0; i < 100_000; i++)
        {
            records.Line("          continued over many lines", i + 2);
        }

        records.Line("Id      : 4227", 100_002);
        records.Flush();

        Assert.NotNull(record);
        Assert.StartsWith("first continued over many lines continued", record["Message"], StringComparison.Ordinal);
        Assert.InRange(record["Message"].Length, JoinedText.MaxChars - 64, JoinedText.MaxChars);
        Assert.Equal("4227", record["Id"]);
    }

    [Fact]
    public void A_joined_text_stops_at_its_limit_and_says_so()
    {
        var text = new JoinedText("a");
        text.Append("b");
        Assert.Equal("a b", text.ToString());
        Assert.False(text.Truncated);

        text.Append(new string('c', JoinedText.MaxChars));

        Assert.Equal("a b", text.ToString());
        Assert.True(text.Truncated);
    }

    [Fact]
    public void Millions_of_samples_keep_a_bounded_series_and_exact_growth()
    {
        // 5,000 one-row samples: PID 100 holds 1 socket, PID 200 grows from 1 to 3 with a peak of 9 in between.
        var text = new StringBuilder();
        var start = new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Unspecified);
        const int samples = 5000;
        for (var i = 0; i < samples; i++)
        {
            var rows = i == 0 ? 1 : i == samples - 1 ? 3 : i == 2500 ? 9 : 1;
            text.Append(CultureInfo.InvariantCulture, $"{start.AddMinutes(i):ddd MM/dd/yyyy HH:mm:ss}.00\r\n\r\nActive Connections\r\n\r\n")
                .Append("  Proto  Local Address          Foreign Address        State           PID\r\n");
            for (var r = 0; r < rows; r++)
            {
                text.Append(CultureInfo.InvariantCulture, $"  TCP    10.0.0.5:{50000 + r,-17}10.0.0.9:443           ESTABLISHED     200\r\n");
            }
        }

        var evidence = EvidenceReader.ReadText(text.ToString(), "log.txt");

        Assert.Equal(samples, evidence.SampleCount);
        Assert.True(evidence.IsTimeSeries);
        Assert.InRange(evidence.Series.Count, SeriesTrend.MaxKept / 2, SeriesTrend.MaxKept);
        Assert.Equal(evidence.Series.Select(s => s.Time).Order(), evidence.Series.Select(s => s.Time));
        Assert.Equal(start, evidence.Series[0].Time.DateTime);
        var growth = Assert.Single(evidence.Growth);
        Assert.Equal((200, 1, 3, 9), (growth.Pid, growth.First, growth.Last, growth.Peak));
        Assert.Equal(start.AddMinutes(samples - 1), growth.LastTime.DateTime);
    }

    [Fact]
    public void Absurdly_many_exclusion_lines_are_counted_not_kept()
    {
        var text = new StringBuilder("Protocol tcp Port Exclusion Ranges\r\n\r\nStart Port    End Port\r\n----------    --------\r\n");
        for (var i = 0; i < NetshReader.MaxExclusions + 500; i++)
        {
            var port = 1024 + (i % 60000);
            text.Append(CultureInfo.InvariantCulture, $"{port,10}    {port,8}\r\n");
        }

        var evidence = EvidenceReader.ReadText(text.ToString(), "excluded.txt");

        Assert.Equal(NetshReader.MaxExclusions, evidence.Sources[0].Exclusions);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.ExclusionsIgnored && n.Count == 500 && n.Numbers["kept"] == 10000);
    }

    [Fact]
    public void Four_million_counted_sockets_stay_four_counts()
    {
        var text = "Count Name                      Group\r\n----- ----                      -----\r\n" +
            string.Concat(Enumerable.Range(0, 4).Select(i => $"1000000 TimeWait, {i}        {{MSFT_NetTCPConnection}}\r\n"));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var evidence = EvidenceReader.ReadText(text, "counts.txt");

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(evidence.Latest.Sockets);
        Assert.Equal(4, evidence.Latest.CountedSockets.Count);
        Assert.Equal(4_000_000, Fixture.Total(evidence.Latest));
        Assert.Equal(4_000_000, evidence.Sources[0].Sockets);
        Assert.Equal(4_000_000, evidence.Series[0].Total);
        Assert.True(allocated < 32 << 20, $"{allocated >> 20} MB allocated for 4 counts");
    }
}
