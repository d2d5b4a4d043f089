using System.Globalization;
using System.Text;
using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// A periodic log's blocks are kept as counts, and only the latest block is built into sockets,
/// when the evidence set is built. The latest is the one with the latest time, wherever it is:
/// not always the last block of the last file. Read sequentially and in parallel chunks.
/// </summary>
public sealed class LatestBlockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pdo-latest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<bool> Ways => new(false, true);

    [Theory]
    [MemberData(nameof(Ways))]
    public void The_latest_block_is_built_even_when_a_later_block_has_an_earlier_time(bool parallel)
    {
        // 10:00 (PID 100), 10:02 (PID 200), then a clock set back: 10:01 (PID 300).
        var log = Write("clock.log", Block("10:00", 100, 3) + Block("10:02", 200, 5) + Block("10:01", 300, 4));

        var evidence = EvidenceReader.Read([log], Options(parallel), TestContext.Current.CancellationToken);

        Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 2, 0, TimeSpan.Zero), evidence.Latest.Time);
        Assert.Equal(5, evidence.Latest.Sockets.Count);
        Assert.All(evidence.Latest.Sockets, s => Assert.Equal(200, s.Pid));
        Assert.Equal([3, 4, 5], evidence.Series.Select(s => s.Total));
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public void The_latest_block_of_an_earlier_file_survives_reading_later_files(bool parallel)
    {
        var later = Write("later.log", Block("11:00", 100, 2) + Block("11:05", 400, 6));
        var earlier = Write("earlier.log", Block("09:00", 500, 1) + Block("09:05", 600, 7));

        var evidence = EvidenceReader.Read([later, earlier], Options(parallel), TestContext.Current.CancellationToken);

        Assert.Equal(new DateTimeOffset(2024, 1, 15, 11, 5, 0, TimeSpan.Zero), evidence.Latest.Time);
        Assert.Equal(6, evidence.Latest.Sockets.Count);
        Assert.All(evidence.Latest.Sockets, s => Assert.Equal(400, s.Pid));
        Assert.Equal(new Endpoint("10.0.0.5", 50000), evidence.Latest.Sockets[0].Local);
        Assert.Equal(new Endpoint("10.0.0.9", 443), evidence.Latest.Sockets[0].Remote);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.LatestSnapshotUsed && n.Name == "later.log");
    }

    [Fact]
    public void Growth_counts_come_from_every_block_and_match_the_sequential_read()
    {
        var text = new StringBuilder();
        for (var minute = 0; minute < 40; minute++)
        {
            text.Append(Block($"10:{minute:00}", 4321, 10 + (minute * 3)));
        }

        var log = Write("growth.log", text.ToString());

        var sequential = EvidenceReader.Read([log], Options(parallel: false), TestContext.Current.CancellationToken);
        var parallel = EvidenceReader.Read([log], Options(parallel: true), TestContext.Current.CancellationToken);

        var growth = Assert.Single(parallel.Growth);
        Assert.Equal((4321, 10, 127), (growth.Pid, growth.First, growth.Last));
        Assert.Equal(sequential.Growth, parallel.Growth);
        Assert.Equal(127, parallel.Latest.Sockets.Count);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public void A_sample_with_more_PIDs_than_the_counters_first_hold_counts_every_row_under_its_PID(bool parallel)
    {
        // The per-PID counters start with room for 32 PIDs and grow: the row that makes them grow
        // used to be counted into the old array (exit 70, or a row lost).
        var text = new StringBuilder();
        foreach (var (time, pids) in new[] { ("10:00", 45), ("10:01", 300) })
        {
            text.Append(CultureInfo.InvariantCulture, $"Mon 01/15/2024 {time}:00.00\r\n\r\nActive Connections\r\n\r\n");
            text.Append("  Proto  Local Address          Foreign Address        State           PID\r\n");
            for (var i = 0; i < pids * 2; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"  TCP    10.0.0.5:{50000 + i,-17}10.0.0.9:443           ESTABLISHED     {1000 + (i % pids)}\r\n");
            }
        }

        var log = Write("many-pids.log", text.ToString());

        var evidence = EvidenceReader.Read([log], Options(parallel), TestContext.Current.CancellationToken);

        Assert.Equal([90, 600], evidence.Series.Select(s => s.Total));
        foreach (var (sample, pids) in evidence.Series.Zip([45, 300]))
        {
            Assert.Equal(Enumerable.Range(1000, pids).ToDictionary(pid => pid, _ => 2), sample.ByPid.ToDictionary());
        }

        Assert.Equal(300, evidence.Latest.Sockets.Select(s => s.Pid).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public void A_log_cut_inside_a_row_of_its_last_sample_gives_the_verdict_of_the_sample_before(bool parallel)
    {
        // A copy taken while the loop was writing: 10:02 stops inside its fourth row ("... 43" of PID 4321).
        var cut = Block("10:00", 4321, 3) + Block("10:01", 4321, 5) + Block("10:02", 4321, 3)
            + "  TCP    10.0.0.5:50003           10.0.0.9:443           ESTABLISHED     43";
        var log = Write("cut.log", cut);

        var evidence = EvidenceReader.Read([log], Options(parallel), TestContext.Current.CancellationToken);

        Assert.Equal([3, 5], evidence.Series.Select(s => s.Total));
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 1, 0, TimeSpan.Zero), evidence.Latest.Time);
        Assert.Equal(5, evidence.Latest.Sockets.Count);
        Assert.DoesNotContain(evidence.Latest.Sockets, s => s.Pid == 43);
        var note = Assert.Single(evidence.Notes, n => n.Kind == NoteKind.LastSampleCut);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 2, 0, TimeSpan.Zero), note.From);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public void One_netstat_output_without_a_last_line_ending_keeps_every_row_and_says_the_last_may_be_cut(bool parallel)
    {
        var log = Write("pasted.txt", Block("10:00", 4321, 4).TrimEnd());

        var evidence = EvidenceReader.Read([log], Options(parallel), TestContext.Current.CancellationToken);

        Assert.Equal(4, evidence.Latest.Sockets.Count);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.EndsInsideLine);
        Assert.DoesNotContain(evidence.Notes, n => n.Kind == NoteKind.LastSampleCut);
    }

    [Fact]
    public void A_log_with_its_last_line_ending_has_no_cut_note()
    {
        var evidence = EvidenceReader.Read([Write("whole.log", Block("10:00", 4321, 3) + Block("10:01", 4321, 5) + "\0\0")], Options(false), TestContext.Current.CancellationToken);

        Assert.Equal([3, 5], evidence.Series.Select(s => s.Total));
        Assert.DoesNotContain(evidence.Notes, n => n.Kind is NoteKind.EndsInsideLine or NoteKind.LastSampleCut);
    }

    [Fact]
    public void A_pipe_streams_past_its_detected_head_and_reads_as_the_file_does()
    {
        // Over 64 KB, so the replayed head ends inside a row.
        var text = new StringBuilder();
        for (var minute = 0; minute < 30; minute++)
        {
            text.Append(Block($"10:{minute:00}", 4321, 40 + minute));
        }

        var log = Write("piped.log", text.ToString());
        Assert.True(new FileInfo(log).Length > 1 << 16);
        var fromFile = EvidenceReader.Read([log], Options(parallel: false), TestContext.Current.CancellationToken);

        using var pipe = new NonSeekable(File.ReadAllBytes(log));
        var fromPipe = EvidenceReader.Read("stdin", pipe, cancel: TestContext.Current.CancellationToken);

        Assert.Equal(fromFile.Latest.Sockets, fromPipe.Latest.Sockets);
        Assert.Equal(fromFile.Series.Select(s => (s.Time, s.Total)), fromPipe.Series.Select(s => (s.Time, s.Total)));
        Assert.Equal(0, fromPipe.Sources[0].UnreadableCount);
        Assert.Equal("empty", EvidenceReader.Read("stdin", new NonSeekable([]), cancel: TestContext.Current.CancellationToken).Sources[0].Format);
    }

    /// <summary>A pipe: no length, no position, reads in small pieces.</summary>
    private sealed class NonSeekable(byte[] bytes) : ForwardOnlyStream
    {
        private int _at;

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, 1000), bytes.Length - _at);
            bytes.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }
    }

    private static EvidenceReadOptions Options(bool parallel) => parallel
        ? new EvidenceReadOptions { ParallelMinBytes = 0, ParallelChunkBytes = 97, ParallelWorkers = 2 }
        : new EvidenceReadOptions { ParallelMinBytes = long.MaxValue };

    private static string Block(string time, int pid, int rows)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Mon 01/15/2024 {time}:00.00\r\n\r\nActive Connections\r\n\r\n");
        text.Append("  Proto  Local Address          Foreign Address        State           PID\r\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  TCP    10.0.0.5:{50000 + i,-17}10.0.0.9:443           ESTABLISHED     {pid}\r\n");
        }

        return text.ToString();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
