using System.Globalization;
using System.Text;
using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using PortDoctor.Evidence.FastPath;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// The byte-level path for UTF-8/ASCII netstat must give exactly what the general (decode every
/// line) path gives: every snapshot's sockets and processes, the series, unreadable line numbers
/// and notes. Each case reads the same bytes both ways and compares every record read; and again
/// through the parallel reader, with chunks so small that every kind of line is cut somewhere,
/// both with every snapshot built and with only the latest built (what diagnose does).
/// </summary>
[Takes(10)]
public sealed partial class Utf8FastPathTests
{
    private const int ReadBuffer = 1 << 20;

    public static TheoryData<string> WindowsFixtures => new(
        Directory.GetFiles(Fixture.PathOf("Windows")).Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not ("binary.bin" or "empty.txt")).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(WindowsFixtures))]
    public void Fixtures_read_the_same_both_ways(string file)
    {
        AssertSame(File.ReadAllBytes(Fixture.PathOf($"Windows/{file}")), format: null);
    }

    public static TheoryData<string> NetshAndGroupFixtures => new(
        new[] { "Netsh", "PowerShell", "RealWorldWindows" }
            .SelectMany(folder => Directory.GetFiles(Fixture.PathOf(folder)).Select(f => $"{folder}/{Path.GetFileName(f)}"))
            .Where(f => f.Contains("excludedportrange", StringComparison.Ordinal) || f.Contains("dynamicport", StringComparison.Ordinal) ||
                f.Contains("group-object", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));

    /// <summary>netsh exclusion rows and Group-Object rows have a byte fast path too: the same contract.</summary>
    [Theory]
    [MemberData(nameof(NetshAndGroupFixtures))]
    public void Netsh_and_group_object_fixtures_read_the_same_both_ways(string file)
    {
        AssertSame(File.ReadAllBytes(Fixture.PathOf(file)), format: null);
    }

    [Fact]
    public void Odd_exclusion_rows_read_the_same_both_ways()
    {
        var text = string.Join("\r\n",
            "Protocol tcp Port Exclusion Ranges",
            "",
            "Start Port    End Port",
            "----------    --------",
            "      5357        5357",
            "     50000       50059     *",
            "     50000       50059     **",
            "     50060       50059",
            "     65535       65536",
            "\t1000\t1001\t",
            "  0000000001  00000000002",
            "  99999999999  1",
            "  1 2 3",
            "  `1000 1001`",
            "  1000\v 1001",
            "  1000 1001 *  ",
            "  1000\u00a01001",
            "  1000 1001 x",
            "* - Administered port exclusions.",
            "Protocol udp Port Exclusion Ranges",
            "     60000       60010");
        AssertSame(new UTF8Encoding(false).GetBytes(text), "netsh");
        AssertSame(new UTF8Encoding(false).GetBytes(string.Concat(Enumerable.Repeat(text + "\r\n", 2000))), "netsh");
    }

    [Fact]
    public void Odd_group_object_rows_read_the_same_both_ways()
    {
        var text = string.Join("\r\n",
            "Count Name                      Group",
            "----- ----                      -----",
            "  812 TimeWait, 0               {MSFT_NetTCPConnection}",
            "14800 Bound, 5120               {MSFT_NetTCPConnection}",
            "   12 Established, 4321 svc.exe {MSFT_NetTCPConnection}",
            "   12 4321, Established",
            "   12 4321, Established web {x}",
            "   12 4321 {MSFT}",
            "   12 4321 nginx",
            "    3 TimeWait",
            "    3 TimeWait,",
            "    3 ,",
            "    3 Weird, 1",
            "    3 TimeWait, x",
            "    3 4321, 4321",
            "    3 4321, 2",
            "    3 TimeWait, 0 C:\\x",
            "PS C:\\> Get-NetTCPConnection | Group-Object State, OwningProcess",
            "  999999 TimeWait, 0",
            "  999999 TimeWait, 0",
            "  999999 TimeWait, 0",
            "  999999 TimeWait, 0",
            "  999999 TimeWait, 0",
            "    0 TimeWait, 0",
            " 1000001 TimeWait, 7",
            "    4 Établie, 9",
            "    5\tListen,\t88\tsqlservr",
            "\u001b[32;1m    6 TimeWait, 0\u001b[0m",
            "\u2190[32;1m    7 TimeWait, 0\u2190[0m",
            "    8 TimeWait, 0 \u001b[0m",
            "...");
        AssertSame(new UTF8Encoding(false).GetBytes(text), "powershell-group");
    }

    /// <summary>
    /// The one-row sample shapes, a class of their own (a collection: it runs beside the other
    /// cases; together they were the Evidence tests' longest serial chain).
    /// </summary>
    [Takes(14)]
    public sealed class OneRowSamples
    {
        /// <summary>
        /// One-row samples (issue 10's hostile shape): blank lines and the English column header are
        /// taken as bytes; every near miss (case, a colon, a held half row, a sentence before the
        /// header, odd blanks, non-ASCII) must still read as the general path reads it. Small enough
        /// that the parallel reader's chunks end at every kind of line, a sample boundary included.
        /// </summary>
        [Theory]
        [InlineData("\r\n")]
        [InlineData("\n")]
        [InlineData("\r")]
        public void One_row_samples_and_their_headers_read_the_same_both_ways(string newline)
        {
            string[] headers =
            [
                "  Proto  Local Address          Foreign Address        State           PID",
                "Proto",
                "\tProto\tLocal Address\tForeign Address\tState\tPID\t",
                "  proto  Local Address          Foreign Address        State           PID",
                "  PROTO  Local Address          Foreign Address        State           PID",
                "  Proto: Local Address",
                "  Protocol  Local Address",
                "  Proto  Local Address  12:30:00",
                "  Proto  Dirección local        Dirección remota       Estado          PID",
                "  Proto  Local Address\v",
                "  Proto  Local Address \u001b[0m",
            ];
            string[] blanks = ["", "   ", "\t \t", "\v", " \f ", "\u00a0"];
            var text = new StringBuilder();
            for (var minute = 0; minute < 300; minute++)
            {
                var header = headers[minute % headers.Length];
                text.Append(CultureInfo.InvariantCulture, $"Mon 01/15/2024 {minute / 60:00}:{minute % 60:00}:00.00{newline}");
                text.Append(blanks[minute % blanks.Length]).Append(newline);
                switch (minute % 7)
                {
                    case 3:
                        // A row wrapped by a narrow console: its first half is held when the header comes.
                        text.Append("  TCP    10.0.0.5:50000").Append(newline);
                        break;
                    case 5:
                        // A -b row and its sentence: the header after it makes the sentence a title again.
                        text.Append("  TCP    10.0.0.5:50001         10.0.0.9:443           ESTABLISHED     7").Append(newline);
                        text.Append(" Can not obtain ownership information").Append(newline);
                        break;
                }

                text.Append(header).Append(newline);
                text.Append(CultureInfo.InvariantCulture, $"  TCP    10.0.0.5:50000         10.0.0.9:443           ESTABLISHED     {(minute % 50) + 100}{newline}");
            }

            AssertSame(new UTF8Encoding(false).GetBytes(text.ToString()), "windows-netstat");
        }

        /// <summary>
        /// Timestamp lines are taken from their bytes, and a date read once is reused while only the
        /// clock changes: every near miss (a row's protocol, a marker, brackets, colour, tabs, non-ASCII,
        /// AM/PM, a clock out of range, a date that changes, a held half row) reads as the general path reads it.
        /// </summary>
        [Theory]
        [InlineData("\r\n")]
        [InlineData("\n")]
        public void Timestamp_lines_read_the_same_both_ways(string newline)
        {
            string[] stamps =
            [
                "Mon 01/15/2024 {0}:{1:00}:00.00", "Mon 01/15/2024 {0,2}:{1:00}:00.00", "Mon 01/15/2024\t{0}:{1:00}:00", "15.01.2024 {0}:{1:00}:00,12",
                "TCP 01/15/2024 {0}:{1:00}:00", "udp 01/15/2024 {0}:{1:00}:00", "[01/15/2024 {0}:{1:00}:00]", "-- 01/15/2024 {0}:{1:00}:00",
                "\u001b[7mMon 01/15/2024 {0}:{1:00}:00.00\u001b[0m", "2024/01/15 周一 {0}:{1:00}:00.12", "1/15/2024 {0}:{1:00}:00 PM",
                "Mon 01/15/2024 2{0}:{1:00}:00.00", "Mon 01/15/2024 {0}:{1:00}:00.", "Mon 02/30/2024 {0}:{1:00}:00", "Mon 01/15/2024 {0}:{1:00}:00 extra",
                "Monday, January 15, 2024 {0}:{1:00}:00 PM", "Mon 01/1{1}/2024 {0}:00:00", "   Mon 01/15/2024 {0}:{1:00}:00.00   ",
            ];
            var text = new StringBuilder();
            AppendSamples(text, stamps, samples: 400, minutesPerHour: 30, wrapEvery: 11, wrapAt: 4, newline);
            AssertSame(new UTF8Encoding(false).GetBytes(text.ToString()), "windows-netstat");
        }
    }

    /// <summary>
    /// The parallel reader's workers read timestamp lines into numbers (NetstatLineMark) and the
    /// reading thread decides the day/month order in file order: a file's order fixed at every
    /// point (by an English weekday, a part above 12, never), dates that are none in the order
    /// decided, leap days, two-digit and year-first dates, and each near miss of the worker's
    /// shape (a fraction of three digits, a clock out of range, tabs, a row's protocol, a held half
    /// row, a general-path line of the same date between marked ones) must read as the general path reads it.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("05/06/2024 10:00:00")]
    [InlineData("Mon 05/06/2024 10:00:00")]
    [InlineData("13/06/2024 10:00:00")]
    [InlineData("06/13/2024 10:00:00")]
    [InlineData("2024-06-05 10:00:00")]
    public void Timestamp_dates_read_on_the_workers_read_the_same_both_ways(string opener)
    {
        string[] stamps =
        [
            "05/06/2024 {0}:{1:00}:00", "05/06/2024 {0}:{1:00}:01", "Mon 05/06/2024 {0}:{1:00}:00.12", "13/06/2024 {0}:{1:00}:00,5",
            "06/13/2024 {0}:{1:00}:00", "Mon 02/29/2023 {0}:{1:00}:00", "29.02.2024 {0}:{1:00}:00", "31/04/2024 {0}:{1:00}:00",
            "tue 01/16/2024 {0}:{1:00}:00.1", "Foo 01/16/2024 {0}:{1:00}", "TCP 01/16/2024 {0}:{1:00}", "Udp 01/16/2024 {0}:{1:00}",
            "Mon  01/16/2024   {0}:{1:00}:00.123", "Mon 01/16/2024 24:{1:00}:00", "Mon 01/16/1989 {0}:{1:00}:00", "001/016/0024 {0}:{1:00}:00",
            "1/2/3 {0}:{1:00}", "05.06.24 {0}:{1:00}:00", "2024/6/5 {0}:{1:00}:00.00", "2024-13-05 {0}:{1:00}:00", "05/06/2024\t{0}:{1:00}:00",
            "05/06/2024 {0}:{1:00}:00\t", "05/06/2024 {0}.{1:00}.00", "05/06/2024 {0}:{1:00}.00", "Monday 05/06/2024 {0}:{1:00}:00",
            "05/06/2024 {0}:{1:00}:00 PM", "05-06-2024 {0}:{1:00}:99", "5/6/2024 {0}:{1:00}:00", "32/01/2024 {0}:{1:00}:00",
        ];
        var text = new StringBuilder();
        var newline = "\r\n";
        if (opener.Length > 0)
        {
            text.Append(opener).Append(newline).Append(newline);
        }

        AppendSamples(text, stamps, samples: 3 * stamps.Length, minutesPerHour: 20, wrapEvery: 13, wrapAt: 6, newline);
        AssertSame(new UTF8Encoding(false).GetBytes(text.ToString()), "windows-netstat");
    }

    /// <summary>
    /// One-row netstat samples of the guide's monitoring log, each under a timestamp formatted from
    /// <paramref name="stamps"/> in turn ({0} the hour, {1} the minute); every <paramref name="wrapEvery"/>th
    /// sample (from <paramref name="wrapAt"/>) comes after a row wrapped by a narrow console, whose first
    /// half is held when the timestamp comes.
    /// </summary>
    private static void AppendSamples(StringBuilder text, string[] stamps, int samples, int minutesPerHour, int wrapEvery, int wrapAt, string newline)
    {
        for (var minute = 0; minute < samples; minute++)
        {
            var (hour, stamp) = (minute / minutesPerHour % 24, stamps[minute % stamps.Length]);
            if (minute % wrapEvery == wrapAt)
            {
                text.Append("  TCP    10.0.0.5:50000").Append(newline);
            }

            text.Append(string.Format(CultureInfo.InvariantCulture, stamp, hour, minute % 60)).Append(newline).Append(newline);
            text.Append("  Proto  Local Address          Foreign Address        State           PID").Append(newline);
            text.Append(CultureInfo.InvariantCulture, $"  TCP    10.0.0.5:50000         10.0.0.9:443           ESTABLISHED     {(minute % 50) + 100}{newline}");
        }
    }

    /// <summary>
    /// A Format-List event whose message wraps over many lines (issue 10's continuation shape): plain
    /// ASCII continuations are appended from their bytes. Near misses go to the general path and must
    /// read the same: shallow indents with a colon (a key), titles, prompts, fences and elisions,
    /// blank lines, tabs, non-ASCII, control characters, and a message past the 64 Ki limit where a
    /// shorter piece still fits after a longer one was dropped.
    /// </summary>
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Format_list_continuations_read_the_same_both_ways(string newline)
    {
        string[] odd =
        [
            "   an outgoing connection because the selected local endpoint",
            "\t\tthe tab-indented part of the message",
            "    Key: a shallow indent with a colon is a key",
            "               Deep: a deep indent with a colon continues",
            "    no colon here, shallow",
            "    a line ending with a colon:",
            "    Event[3]:",
            "    PS C:\\> Get-WinEvent",
            "    C:\\Users\\me>netstat -ano",
            "    ```",
            "    [...]",
            "    ...",
            "    ^C",
            "    ~~~text",
            "    Überprüfung der Verbindung",
            "    a control\vcharacter",
            "    a trailing tab\t",
            "   ",
            "    \u001b[32mcolored\u001b[0m continuation",
        ];
        var text = new StringBuilder();
        for (var record = 0; record < 40; record++)
        {
            text.Append(CultureInfo.InvariantCulture, $"TimeCreated  : 1/15/2024 10:{record:00}:00 AM{newline}");
            text.Append(CultureInfo.InvariantCulture, $"Id           : {(record % 3 == 0 ? 4231 : 4227)}{newline}");
            text.Append("ProviderName : Tcpip").Append(newline);
            text.Append("Message      : TCP/IP failed to establish").Append(newline);
            for (var i = 0; i < 30; i++)
            {
                text.Append(odd[(record + i) % odd.Length]).Append(newline);
            }

            text.Append(newline);
        }

        // One message far past the limit: pieces of growing length, so a short one follows a dropped long one.
        text.Append("Id           : 4227").Append(newline).Append("Message      : long").Append(newline);
        for (var i = 0; i < 3000; i++)
        {
            text.Append(' ', 16).Append('x', 10 + (i * 37 % 90)).Append(newline);
        }

        AssertSame(new UTF8Encoding(false).GetBytes(text.ToString()), "events-list");
    }

    [Fact]
    public void Odd_and_damaged_lines_read_the_same_both_ways()
    {
        var text = string.Join("\r\n",
            "Mon 01/15/2024 14:30:00.12",
            "",
            "Active Connections",
            "  Proto  Local Address          Foreign Address        State           PID",
            "  TCP    10.0.0.5:49152         10.0.0.9:443           ESTABLISHED     4321",
            "  TCP    10.0.0.5:49153         10.0.0.9:443           TIME_WAIT       0",
            "  tcp    10.0.0.5:49154         10.0.0.9:443           ESTABLISHED     4321",
            "\tTCP\t10.0.0.5:49155\t10.0.0.9:443\tCLOSE_WAIT\t77\t",
            "  TCP    10.0.0.5:49156         10.0.0.9:443           ESTABLISHED",
            "  TCP    10.0.0.5:49157         10.0.0.9:443           ESTABLISHED     99999999999",
            "  TCP    10.0.0.5:49158         10.0.0.9:443           ESTABLISHED     123456789",
            "  TCP    10.0.0.5:70000         10.0.0.9:443           ESTABLISHED     1",
            "  TCP    10.0.0.5:4x3           10.0.0.9:443           ESTABLISHED     1",
            "  TCP    10.0.0.5               10.0.0.9:443           ESTABLISHED     1",
            "  TCP    10.0.0.5:49159         10.0.0.9:443           CLOSE WAIT      1",
            "  TCP    10.0.0.5:49160         10.0.0.9:443           WEIRD_STATE     1",
            "  TCP    10.0.0.5:49161         10.0.0.9:443           ###             1",
            "  TCP    10.0.0.5:49162         10.0.0.9:443           1",
            "  TCP    999.0.0.5:49163        10.0.0.9:443           ESTABLISHED     1",
            "  TCP    [fe80::1%12]:135       [::]:0                 LISTENING       888",
            "  TCP    [::1]:49164            *:*                    LISTENING       888",
            "  TCP    server01:https         client7:49999          ESTABLISHED     5",
            "  TCP    server01:nosuchsvc     client7:00443          ESTABLISHED     5",
            "  TCP    :80                    *:0                    LISTENING       5",
            "  TCP    10.0.0.5:49165\v        10.0.0.9:443           ESTABLISHED     6\v",
            "  TCP    \v10.0.0.5:49166       10.0.0.9:443           ESTABLISHED     6",
            "  TCP    10.0.0.5:49167         10.0.0.9:443           ESTABLISHED     6  \v",
            "  TCP    10.0.0.5:49168         10.0.0.9:443           ÉTABLI          7",
            "  TCP    10.0.0.5:49169         10.0.0.9:443           ESTABLISHED     7 extra",
            "  UDP    0.0.0.0:500            *:*                                    1060",
            "  UDP    10.0.0.5:5353          10.0.0.7:5353                          1060",
            "  UDP    0.0.0.0:501            1060",
            "  UDP    [::]:502               *:*                    BOUND           1060",
            "  UDPv6  [::]:503               *:*                                    1060",
            "  TCPx   10.0.0.5:1             10.0.0.9:443           ESTABLISHED     1",
            "  TCP",
            "garbage between rows",
            "Tue 01/16/2024 09:05:00.00",
            "  Proto  Local Address          Foreign Address        State           PID",
            "  TCP    10.0.0.5:49152         10.0.0.9:443           ESTABLISHED     4321",
            "  TCP    10.0.0.5:49152         10.0.0.9:443           FIN_WAIT_2      4321",
            "  TCP    10.0.0.5:49170         10.0.0.9:443           SYN_SENT        2244\r\r\n\n",
            "  TCP    10.0.0.5:49171         10.0.0.9:443           TIME_WAIT       0");
        AssertSame(new UTF8Encoding(false).GetBytes(text), "windows-netstat");
    }

    [Fact]
    public void Non_ascii_lines_and_invalid_bytes_read_the_same_both_ways()
    {
        var head = new UTF8Encoding(false).GetBytes(string.Join("\r\n",
            "Aktive Verbindungen",
            "  Proto  Lokale Adresse         Remoteadresse          Status           PID",
            "  TCP    10.0.0.5:49152         10.0.0.9:443           HERGESTELLT      4321",
            "  TCP    10.0.0.5:49153         10.0.0.9:443           WARTEND          0",
            "  TCP    10.0.0.5:49154         10.0.0.9:443           ABHÖREN          4",
            "  TCP    10.0.0.5:49155\u00a0        10.0.0.9:443           ABHÖREN          4",
            "\u00a0 TCP    10.0.0.5:49156         10.0.0.9:443           HERGESTELLT      4",
            "  TCP    10.0.0.5:49157         10.0.0.9:443           HERGESTELLT      4\u2028",
            "")).ToList();

        // Bytes that are not UTF-8, after the detection sample: decoded with replacement on both paths.
        head.AddRange(new byte[70000].Select(_ => (byte)' '));
        head.AddRange("\r\n  TCP    10.0.0.5:49158         10.0.0.9:443           HERGE"u8.ToArray());
        head.AddRange([0xE2, 0x82, 0x0D, 0x0A, 0xFF, 0xC3]);
        head.AddRange("  TCP    10.0.0.5:49159         10.0.0.9:443           HERGESTELLT      4"u8.ToArray());
        AssertSame([.. head], "windows-netstat");
    }

    /// <summary>Inputs of 2 MB and more (line ends and lines around the 1 MB read buffer, offsets into a 40 MB file): a class of their own, beside the others.</summary>
    [Takes(8)]
    public sealed class LargeInputs
    {
        [Theory]
        [InlineData("\r\n")]
        [InlineData("\n")]
        [InlineData("\r")]
        public void Line_ends_split_across_reads_read_the_same_both_ways(string newline)
        {
            // Rows of every length around the read buffer's end, so some line end (CRLF too) straddles it.
            var text = new StringBuilder("Mon 01/15/2024 14:30:00.12" + newline + "  Proto  Local Address  Foreign Address  State  PID" + newline);
            var i = 0;
            while (text.Length < (ReadBuffer * 2) + 4096)
            {
                text.Append(CultureInfo.InvariantCulture, $"  TCP    10.0.0.5:{49152 + (i % 16000)}   10.0.{i % 7}.9:443{new string(' ', i % 13)}  TIME_WAIT  {i % 5}{newline}");
                i++;
            }

            for (var shift = 0; shift < 4; shift++)
            {
                AssertSame(new UTF8Encoding(false).GetBytes(new string(' ', shift) + text), "windows-netstat");
            }
        }

        [Fact]
        public void A_line_longer_than_the_buffer_reads_the_same_both_ways()
        {
            var text = "  Proto  Local Address  Foreign Address  State  PID\n" +
                "  TCP    10.0.0.5:1   10.0.0.9:443  TIME_WAIT  0\n" + new string('x', (ReadBuffer * 2) + 17) + "\n" +
                "  TCP    10.0.0.5:2   10.0.0.9:443  TIME_WAIT  0\n";
            AssertSame(Encoding.ASCII.GetBytes(text), "windows-netstat");
        }

        [Fact]
        public void A_large_file_read_at_offsets_in_chunks_reads_the_same_both_ways()
        {
            // ~40 MB: 16 MB segments; 3 MB chunks straddle their ends, 10 MB chunks overrun the
            // overlap and get windows of their own.
            var text = new StringBuilder();
            for (var block = 0; text.Length < 40 << 20; block++)
            {
                text.Append(CultureInfo.InvariantCulture, $"Mon 01/15/2024 {block / 60 % 24:00}:{block % 60:00}:00.00\r\n\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n");
                for (var i = 0; i < 5000; i++)
                {
                    var state = (i % 3) switch { 0 => "ESTABLISHED", 1 => "TIME_WAIT", _ => "CLOSE_WAIT" };
                    text.Append(CultureInfo.InvariantCulture, $"  TCP    10.0.{block % 7}.5:{49152 + i}         10.0.{i % 250}.9:443           {state,-16}{(state == "TIME_WAIT" ? 0 : 1000 + (i % 9))}\r\n");
                }
            }

            var bytes = Encoding.ASCII.GetBytes(text.ToString());
            var general = Read(bytes, "windows-netstat", new EvidenceReadOptions { GeneralPathOnly = true }, everySnapshot: false);
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(path, bytes);
                foreach (var chunk in new[] { 3 << 20, 10 << 20 })
                {
                    var fromFile = new EvidenceReadOptions { ParallelMinBytes = 0, ParallelChunkBytes = chunk, ParallelWorkers = 2 };
                    Read(bytes, "windows-netstat", fromFile, everySnapshot: false, path).AssertSame(general);
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void A_file_of_a_few_megabytes_read_with_the_default_options_reads_as_the_general_path_reads_it()
        {
            // ~3 MB: over ParallelMinBytes, so the default read is the parallel one, in chunks sized for the file
            // (ChunkBytesFor: a 32nd of it). Blocks of many rows, then one-row samples repeating one connection.
            var text = new StringBuilder();
            for (var block = 0; text.Length < 3 << 20; block++)
            {
                var rows = block < 40 ? 1000 : 1;
                text.Append(CultureInfo.InvariantCulture, $"Mon 01/15/2024 {block / 3600 % 24}:{block / 60 % 60:00}:{block % 60:00}.00\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n");
                for (var i = 0; i < rows; i++)
                {
                    var state = (i % 3) switch { 0 => "ESTABLISHED", 1 => "TIME_WAIT", _ => "CLOSE_WAIT" };
                    text.Append(CultureInfo.InvariantCulture, $"  TCP    10.0.0.5:{49152 + i}         10.0.{i % 250}.9:443           {state,-16}{(state == "TIME_WAIT" ? 0 : 1000 + (block % 9))}\r\n");
                }
            }

            var bytes = Encoding.ASCII.GetBytes(text.ToString());
            Assert.InRange(bytes.Length, new EvidenceReadOptions().ParallelMinBytes, 4 << 20);
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(path, bytes);
                Read(bytes, "windows-netstat", new EvidenceReadOptions(), everySnapshot: false, path)
                    .AssertSame(Read(bytes, "windows-netstat", new EvidenceReadOptions { GeneralPathOnly = true }, everySnapshot: false));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData(1L << 20, 1 << 20, 64 << 10)]
        [InlineData(4L << 20, 1 << 20, 128 << 10)]
        [InlineData(32L << 20, 1 << 20, 1 << 20)]
        [InlineData(1L << 30, 1 << 20, 1 << 20)]
        [InlineData(4L << 20, 256 << 10, 128 << 10)]
        [InlineData(100L << 20, 256 << 10, 256 << 10)]
        [InlineData(1000, 4096, 4096)]
        public void A_file_is_cut_into_about_32_chunks_from_64_KB_up_to_the_largest(long bytes, int largest, int expected) =>
            Assert.Equal(expected, ParallelUtf8Source.ChunkBytesFor(bytes, largest));
    }

    private static void AssertSame(byte[] bytes, string? format, int[]? chunkSizes = null)
    {
        var general = Read(bytes, format, new EvidenceReadOptions { GeneralPathOnly = true }, everySnapshot: true);
        Read(bytes, format, new EvidenceReadOptions(), everySnapshot: true).AssertSame(general);
        var latestOnly = Read(bytes, format, new EvidenceReadOptions { GeneralPathOnly = true }, everySnapshot: false);
        var chunks = chunkSizes ?? (bytes.Length < 100_000 ? [1, 2, 7, 61, 1000] : [4093, 300_007]);
        foreach (var chunk in chunks)
        {
            var parallel = new EvidenceReadOptions { ParallelMinBytes = 0, ParallelChunkBytes = chunk, ParallelWorkers = 2 };
            Read(bytes, format, parallel, everySnapshot: true).AssertSame(general);
            Read(bytes, format, parallel, everySnapshot: false).AssertSame(latestOnly);
        }

        // A file is read at offsets through its handle: the same again.
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            var fromFile = new EvidenceReadOptions { ParallelMinBytes = 0, ParallelChunkBytes = chunks[^1], ParallelWorkers = 2 };
            Read(bytes, format, fromFile, everySnapshot: true, path).AssertSame(general);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// What one read gave: every socket (each snapshot's, then the latest's) as records, compared
    /// as records (rendering them cost most of this class's time: 10 MB of text per 2 MB read), and
    /// the rest as text, which places the sockets (each snapshot's count).
    /// </summary>
    private sealed record Reading(string Text, List<SocketEntry> Sockets)
    {
        public void AssertSame(Reading expected)
        {
            Assert.Equal(expected.Text, Text);
            if (!expected.Sockets.SequenceEqual(Sockets))
            {
                var at = expected.Sockets.Zip(Sockets).TakeWhile(pair => pair.First == pair.Second).Count();
                Assert.Fail($"socket {at} of {expected.Sockets.Count} (read {Sockets.Count}): expected {expected.Sockets.ElementAtOrDefault(at)}, read {Sockets.ElementAtOrDefault(at)}");
            }
        }
    }

    private static Reading Read(byte[] bytes, string? format, EvidenceReadOptions how, bool everySnapshot, string? file = null)
    {
        var text = new StringBuilder();
        var sockets = new List<SocketEntry>();
        var options = how with
        {
            Format = format,
            OnSnapshot = !everySnapshot ? null : (snapshot, _) =>
            {
                text.Append(CultureInfo.InvariantCulture, $"snapshot {snapshot.Time:O} {snapshot.Os} {snapshot.Sockets.Count} sockets\n");
                sockets.AddRange(snapshot.Sockets);

                foreach (var (pid, process) in snapshot.Processes.OrderBy(p => p.Key))
                {
                    text.Append(CultureInfo.InvariantCulture, $"process {pid} {process.Name} {string.Join(",", process.Services)}\n");
                }
            },
        };
        using Stream stream = file is null ? new MemoryStream(bytes) : File.OpenRead(file);
        var evidence = EvidenceReader.Read("input", stream, options, DateTimeOffset.UnixEpoch);
        foreach (var sample in evidence.Series)
        {
            text.Append(CultureInfo.InvariantCulture, $"sample {sample.Time:O} {sample.Total} ")
                .AppendJoin(",", sample.ByPidAndState.OrderBy(p => p.Key.Pid).ThenBy(p => p.Key.State).Select(p => $"{p.Key.Pid}/{p.Key.State}={p.Value}"))
                .AppendJoin(",", sample.ByState.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))
                .Append('\n');
        }

        foreach (var source in evidence.Sources)
        {
            text.Append(CultureInfo.InvariantCulture, $"source {source.Format} {source.Encoding} {source.Snapshots} {source.Sockets} unreadable {source.UnreadableCount}: ")
                .AppendJoin(",", source.UnreadableLines).Append('\n');
        }

        text.AppendJoin("\n", evidence.Notes.Select(n => $"{n} {string.Join('|', n.Names)} {string.Join('|', n.Lines)} {string.Join('|', n.Numbers.Select(x => $"{x.Key}={x.Value}"))}")).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"latest {evidence.Latest.Sockets.Count} sockets\n");
        sockets.AddRange(evidence.Latest.Sockets);
        text.AppendJoin("\n", evidence.Latest.CountedSockets).Append('\n');
        text.AppendJoin("\n", evidence.Ports.Excluded).Append('\n');
        text.AppendJoin("\n", evidence.Ports.Dynamic).Append('\n');
        text.AppendJoin("\n", evidence.Latest.Events).Append('\n');
        Assert.True(evidence.Sources.Count == 1);
        return new Reading(text.ToString(), sockets);
    }
}
