using System.Globalization;
using System.Text;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using PortDoctor.Evidence.FastPath;
using PortDoctor.Evidence.Windows;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// The run parser (rows straight from a chunk, lines cut on the way) must take only lines the
/// line parser takes, give the same row for each, and end each at the same place as the line
/// cutter; and it must take the common rows, or the large-log path silently falls back to the
/// slow one. Checked on generated rows and on every one-byte change of them. A file that ends
/// before its length while being read is bad input.
/// </summary>
public sealed class NetstatRunTests : IDisposable
{
    private static readonly string[] Common =
    [
        "  TCP    10.0.0.5:49152         10.0.0.1:1433          ESTABLISHED     4",
        "  TCP    10.0.0.5:49165         10.0.0.2:443           TIME_WAIT       0",
        "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1060",
        "  TCP    10.0.0.5:49295         0.0.0.0:0              BOUND           4321",
        "  TCP    192.168.100.200:50000  172.16.254.254:65535   CLOSE_WAIT      12345678",
        "  TCP    10.0.0.5:1             10.0.0.9:443           FIN_WAIT_2      7",
        "  TCP    10.0.0.5:49170         10.0.0.9:443           SYN_SENT        2244",
        "  TCP    10.0.0.5:49171         10.0.0.9:443           ESTABLISHED",
        "  UDP    0.0.0.0:500            *:*                                    1060",
        "  UDP    10.0.0.5:5353          10.0.0.7:5353                          1060",
        "  UDP    0.0.0.0:5355           0.0.0.0:0                              99",
        "\tTCP\t10.0.0.5:49155\t10.0.0.9:443\tCLOSE_WAIT\t77\t",
        "  TCP    10.0.0.5:49156         10.0.0.9:443           LAST_ACK        5   ",
    ];

    private static readonly string[] Declined =
    [
        "  TCP    [::]:135               [::]:0                 LISTENING       888",
        "  TCP    10.0.0.5:49158         10.0.0.9:443           ESTABLISHED     123456789",
        "  TCP    10.0.0.5:49159         10.0.0.9:443           HERGESTELLT     4",
        "  tcp    10.0.0.5:49160         10.0.0.9:443           ESTABLISHED     4",
        "  TCP    10.0.0.5:49161\v        10.0.0.9:443           ESTABLISHED     4",
        "  TCP    server01:https         client7:49999          ESTABLISHED     5",
        "Mon 01/15/2024 14:30:00.12",
        "  Proto  Local Address          Foreign Address        State           PID",
        "",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("pdo-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Common_rows_are_taken_by_the_run_parser_as_the_line_parser_reads_them()
    {
        foreach (var newline in new[] { "\r\n", "\n", "\r" })
        {
            foreach (var line in Common)
            {
                Assert.True(RunMatchesLine(Encoding.ASCII.GetBytes(line), newline, out var taken), $"{Show(line)} differs");
                Assert.True(taken, $"the run parser declined a common row: {Show(line)}");
            }
        }
    }

    [Fact]
    public void Lines_the_run_parser_leaves_are_left_whole()
    {
        foreach (var line in Declined)
        {
            Assert.True(RunMatchesLine(Encoding.UTF8.GetBytes(line), "\r\n", out var taken), $"{Show(line)} differs");
            Assert.False(taken, $"the run parser took {Show(line)}");
        }
    }

    [Fact]
    public void Every_one_byte_change_of_a_row_reads_as_the_line_parser_reads_it()
    {
        byte[] alphabet = [.. "09:.*TCPUDESLIWN_ \t\r\n\v/-x"u8, 0, 0x80, 0xC3];
        var checkedLines = 0;
        foreach (var row in Common)
        {
            var bytes = Encoding.ASCII.GetBytes(row);
            for (var at = 0; at < bytes.Length; at++)
            {
                foreach (var value in alphabet)
                {
                    var changed = (byte[])bytes.Clone();
                    changed[at] = value;
                    Assert.True(RunMatchesLine(changed, "\r\n", out _), $"{Show(Encoding.Latin1.GetString(changed))} (byte {at} = 0x{value:X2}) differs");
                    checkedLines++;
                }
            }

            // Shorter and longer: each cut of the row, each byte left out, and a byte inserted anywhere.
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.True(RunMatchesLine(bytes[..length], "\r\n", out _), $"{Show(row[..length])} differs");
                byte[] without = [.. bytes[..length], .. bytes[(length + 1)..]];
                Assert.True(RunMatchesLine(without, "\r\n", out _), $"{Show(Encoding.Latin1.GetString(without))} differs");
                foreach (var value in alphabet)
                {
                    byte[] with = [.. bytes[..length], value, .. bytes[length..]];
                    Assert.True(RunMatchesLine(with, "\r\n", out _), $"{Show(Encoding.Latin1.GetString(with))} differs");
                }
            }
        }

        Assert.True(checkedLines > 10_000);
    }

    [Fact]
    public void A_row_read_right_after_another_reads_as_the_line_parser_reads_it()
    {
        // The run parser keeps a run's first row up to its PID and reads the next run's first row
        // from it when their bytes are the same up there: each common row, then every one-byte
        // change, cut, omission and insertion of it (and the row itself with other PIDs), right after it.
        byte[] alphabet = [.. "09:.*TCPUDESLIWN_ \t\r\n\v/-x"u8, 0, 0x80, 0xC3];
        var (checkedPairs, taken, repeated) = (0, 0, 0);
        foreach (var newline in new[] { "\r\n", "\n" })
        {
            foreach (var row in Common)
            {
                var bytes = Encoding.ASCII.GetBytes(row);
                var variants = new List<byte[]>();
                var digits = bytes.AsSpan().TrimEnd(" \t"u8).LastIndexOfAnyExcept("0123456789"u8) + 1;
                foreach (var pid in new[] { "9", "12345678", "123456789", "42 ", "7\t", "0x" })
                {
                    variants.Add([.. bytes[..digits], .. Encoding.ASCII.GetBytes(pid)]);
                }

                for (var at = 0; at <= bytes.Length; at++)
                {
                    foreach (var value in alphabet)
                    {
                        if (at < bytes.Length)
                        {
                            var changed = (byte[])bytes.Clone();
                            changed[at] = value;
                            variants.Add(changed);
                        }

                        variants.Add([.. bytes[..at], value, .. bytes[at..]]);
                    }

                    variants.Add(bytes[..at]);
                    if (at < bytes.Length)
                    {
                        variants.Add([.. bytes[..at], .. bytes[(at + 1)..]]);
                    }
                }

                foreach (var second in variants)
                {
                    Assert.True(PairMatchesLines(bytes, second, newline, out var secondTaken), $"{Show(row)} then {Show(Encoding.Latin1.GetString(second))} differs");
                    taken += secondTaken ? 1 : 0;
                    repeated += NetstatRowParser.RepeatedRows;
                    checkedPairs++;
                }
            }
        }

        // Second rows read from the kept row, not only taken: the memo is what is tested.
        Assert.True(checkedPairs > 20_000 && repeated > 1_000 && repeated <= taken, $"{checkedPairs} pairs, {taken} second rows taken, {repeated} of them from the kept row");
    }

    [Fact]
    public void A_run_stops_at_the_limit_and_when_the_rows_are_full()
    {
        var text = string.Concat(Enumerable.Repeat(Common[0] + "\r\n", 20)) + new string(' ', 50);
        var data = Encoding.ASCII.GetBytes(text);
        var rowLength = Common[0].Length + 2;
        var rows = new NetstatRow[5];

        var next = NetstatRowParser.TryParseRun(data, 0, data.Length, rows, out var count);
        Assert.Equal((5, 5 * rowLength), (count, next));

        rows = new NetstatRow[50];
        next = NetstatRowParser.TryParseRun(data, 0, (3 * rowLength) + 1, rows, out count);
        Assert.Equal((4, 4 * rowLength), (count, next));

        // Too close to the end of the data to read ahead safely: left to the line parser.
        next = NetstatRowParser.TryParseRun(data, 19 * rowLength, data.Length, rows, out count);
        Assert.Equal((0, 19 * rowLength), (count, next));
    }

    [Fact]
    public void A_file_that_ends_before_its_length_while_being_read_is_bad_input_not_a_shorter_log()
    {
        // As a file copied over or truncated (logrotate copytruncate) under the reader: the length
        // it had when the read began, and reads that end before it.
        var text = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            text.Append(Common[i % Common.Length]).Append("\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        using var stream = new ShrinkingStream(bytes, bytes.Length / 2);
        var options = new EvidenceReadOptions { ParallelMinBytes = 0, ParallelChunkBytes = 4096, ParallelWorkers = 2 };

        var error = Assert.Throws<PortDoctorException>(() => EvidenceReader.Read("netstat.log", stream, options, DateTimeOffset.UnixEpoch, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCode.BadInput, error.Code);
        Assert.Contains("netstat.log: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("changed while being read", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>A seekable stream that keeps its length but has no bytes past <paramref name="left"/> any more.</summary>
    private sealed class ShrinkingStream(byte[] bytes, int left) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Clamp(Math.Min(count, left - Position), 0, count);
            bytes.AsSpan((int)Position, n).CopyTo(buffer.AsSpan(offset));
            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => Length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>
    /// Puts the line between other rows, runs the run parser over it alone, and compares with
    /// the line parser on the cut line: same verdict (or declined), same row, same next line.
    /// </summary>
    private static bool RunMatchesLine(byte[] line, string newline, out bool taken)
    {
        var before = Encoding.ASCII.GetBytes(Common[1] + newline);
        var after = Encoding.ASCII.GetBytes(newline + string.Concat(Enumerable.Repeat(Common[2] + newline, 4)));
        var data = before.Concat(line).Concat(after).ToArray();
        var rows = new NetstatRow[4];
        var next = NetstatRowParser.TryParseRun(data, before.Length, before.Length + 1, rows, out var count);
        taken = count == 1;
        if (!taken)
        {
            return count == 0 && next == before.Length;
        }

        // The line as the chunk reader cuts it: up to the first CR or LF.
        var cut = Array.FindIndex(line, b => b is (byte)'\r' or (byte)'\n');
        var whole = cut < 0 ? line : line[..cut];
        var lineEnd = before.Length + whole.Length;
        var expectedNext = lineEnd + (data[lineEnd] == '\r' && data[lineEnd + 1] == '\n' ? 2 : 1);
        return NetstatRowParser.TryParse(whole, out var row) && Describe(row) == Describe(rows[0]) && next == expectedNext;
    }

    /// <summary>
    /// Runs the run parser over two rows, each a run, from a fresh start (the first row is the one it
    /// keeps) and compares with the line parser on each: the first is taken as it reads it, the second is
    /// taken as it reads it or left whole.
    /// </summary>
    private static bool PairMatchesLines(byte[] first, byte[] second, string newline, out bool secondTaken)
    {
        NetstatRowParser.ForgetRepeatedRow();
        var end = Encoding.ASCII.GetBytes(newline);
        byte[] data = [.. first, .. end, .. second, .. Encoding.ASCII.GetBytes(newline + string.Concat(Enumerable.Repeat(Common[2] + newline, 4)))];
        var secondStart = first.Length + end.Length;
        var rows = new NetstatRow[4];
        var next = NetstatRowParser.TryParseRun(data, 0, 1, rows, out var count);
        secondTaken = false;
        if (count != 1 || next != secondStart || !NetstatRowParser.TryParse(first, out var firstRow) || Describe(firstRow) != Describe(rows[0]))
        {
            return false;
        }

        // The second row starts a run of its own, as a one-row sample's row does.
        next = NetstatRowParser.TryParseRun(data, secondStart, secondStart + 1, rows.AsSpan(1), out count);
        secondTaken = count == 1;
        if (!secondTaken)
        {
            return count == 0 && next == secondStart;
        }

        var cut = Array.FindIndex(second, b => b is (byte)'\r' or (byte)'\n');
        var whole = cut < 0 ? second : second[..cut];
        var lineEnd = secondStart + whole.Length;
        var expectedNext = lineEnd + (data[lineEnd] == '\r' && data[lineEnd + 1] == '\n' ? 2 : 1);
        return NetstatRowParser.TryParse(whole, out var row) && Describe(row) == Describe(rows[1]) && next == expectedNext;
    }

    private static string Describe(NetstatRow row) => string.Create(CultureInfo.InvariantCulture,
        $"{row.Protocol} {row.State} {row.LocalAddress}:{row.LocalPort} {row.RemoteAddress}:{row.RemotePort} pid {row.Pid} flags {row.Flags} entry {row.Entry} name {row.Name}");

    private static string Show(string line) => line.Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\v", "\\v");

    /// <summary>
    /// The lines a chunk worker marks without cutting, trying and marking them one by one
    /// (<see cref="NetstatLineMark.OfRepeated"/>: empty lines, the last header, timestamp lines of the
    /// last date) must be lines the row parser declines, cut where the line cutter cuts them and marked
    /// as <see cref="NetstatLineMark.Of"/> marks them; and a periodic log's repeated lines must be taken.
    /// Random buffers of those lines and their near misses, walked as a worker walks them.
    /// </summary>
    [Fact]
    public void Repeated_lines_are_marked_as_the_line_by_line_worker_marks_them()
    {
        string[] lines =
        [
            "", "", "", " ", "\t", "  ",
            "  Proto  Local Address          Foreign Address        State           PID",
            "  Proto  Local Address          Foreign Address        State           PID",
            "  Proto  Local Address          Foreign Address        State           PID ",
            "  Proto  Local Address          Foreign Address        State",
            "  proto  Local Address          Foreign Address        State           PID",
            "Mon 01/15/2024  0:00:00.00", "Mon 01/15/2024  9:59:59.99", "Mon 01/15/2024 23:59:59,01", "Mon 01/15/2024 12:01:02.03  ",
            "Mon 01/15/2024 24:00:00.00", "Mon 01/15/2024  9:60:00.00", "Mon 01/15/2024  9:00:60.00", "Mon 01/15/2024  9:00:00.0",
            "Mon 01/15/2024  9:00:00", "Mon 01/15/2024  9:00", "Mon 01/15/2024  9:0:00.00", "Mon 01/15/2024 123:00:00.00",
            "Mon 01/15/2024  9:00:00.00\t", "Mon 01/15/2024  9:00:00.00 PM", "Mon 01/15/2024  9:00:00.00\u0001", "Mon 01/15/2024  9:00:0é.00",
            "Mon 01/15/2024  9:00:00:00", "Mon 01/15/2024  9:00:00.00.1", "Mon 01/15/2024  x:00:00.00", "Mon 01/15/2024 ",
            "Tue 01/16/2024  0:00:00.00", "Tue 01/16/2024  7:30:00.00", "16.01.2024  7:30:00,00", " Mon 01/15/2024  9:00:00.00",
            "  TCP    10.0.0.5:50000         10.0.0.9:443           ESTABLISHED     100",
            "  UDP    0.0.0.0:500            *:*                                    1060",
            "Active Connections", "Image Name                     PID Session Name", "[svchost.exe]",
        ];
        string[] newlines = ["\r\n", "\n", "\r"];
        var random = new Random(17);
        var (taken, repeated) = (0, 0);
        string? lastHeader = null, lastDate = null;
        for (var round = 0; round < 3000; round++)
        {
            var text = new StringBuilder();
            var count = random.Next(1, 40);
            for (var k = 0; k < count; k++)
            {
                text.Append(lines[random.Next(lines.Length)]).Append(newlines[random.Next(newlines.Length)]);
            }

            var data = Encoding.UTF8.GetBytes(text.ToString());
            data = data[..Math.Max(0, data.Length - random.Next(0, 3))];
            var i = 0;
            while (i < data.Length)
            {
                var end = data.AsSpan(i).IndexOfAny((byte)'\r', (byte)'\n');
                end = end < 0 ? data.Length : i + end;
                var next = end == data.Length ? end : end + (data[end] == '\r' && end + 1 < data.Length && data[end + 1] == '\n' ? 2 : 1);
                var line = data.AsSpan(i, end - i);
                var known = NetstatLineMark.OfRepeated(data, i, out var knownEnd, out var knownNext);
                var declined = !NetstatRowParser.TryParse(line, out _);
                var mark = declined ? NetstatLineMark.Of(line) : 0;
                var where = $"round {round}, line \"{Encoding.UTF8.GetString(line)}\" at {i} of {data.Length}";
                if (known != 0)
                {
                    Assert.True(declined, where);
                    Assert.Equal((mark, end, next), (known, knownEnd, knownNext));
                    taken++;
                }

                // A worker that marked a header, or a timestamp line with this date, knows their repeats at once.
                var lineText = Encoding.UTF8.GetString(line);
                if (end + 1 < data.Length && (line.IsEmpty || lineText == lastHeader ||
                    (NetstatLineMark.KindOf(mark) == NetstatLineMark.Timestamp && lastDate is not null && lineText.StartsWith(lastDate, StringComparison.Ordinal) && lineText[lastDate.Length] != ' ')))
                {
                    repeated++;
                    Assert.True(known != 0, where);
                }

                if (NetstatLineMark.KindOf(mark) == NetstatLineMark.Header)
                {
                    lastHeader = lineText;
                }
                else if (NetstatLineMark.KindOf(mark) == NetstatLineMark.Timestamp)
                {
                    var whole = lineText.Trim(' ');
                    lastDate = whole[..(whole.LastIndexOf(' ') + 1)];
                }

                i = next;
            }
        }

        Assert.True(taken > 10_000, $"only {taken} lines taken");
        Assert.True(repeated > 10_000, $"only {repeated} repeated lines");
    }
}
