using System.Text;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed partial class Utf8FastPathTests
{
    /// <summary>
    /// The parallel reader's workers count each whole sample of a chunk (timestamp line to the next:
    /// rows, blank lines, English headers, a title before the rows) and the reading thread takes it whole. Random logs of
    /// samples of 0-24 rows (several PIDs and states, PID 0, no PID column, UDP, listeners) with every
    /// line the worker must leave to the line-by-line path between them: -b lines and services, the
    /// ownership sentence, a row wrapped by a narrow console, an IPv6 row, a timestamp whose date is none
    /// (rows after it join the counted sample), a clock set back (the latest-block rule), day-first dates
    /// decided late, and headers before, between and after rows. Read through chunks small enough to
    /// end inside samples and large enough to hold many whole ones, the result must be the general path's.
    /// </summary>
    [Takes(12)]
    public sealed class CountedBlocks
    {
        [Theory]
        [InlineData(1, "\r\n")]
        [InlineData(2, "\n")]
        [InlineData(3, "\r\n")]
        [InlineData(4, "\r")]
        public void Samples_counted_on_the_workers_read_the_same_both_ways(int seed, string newline)
        {
            var bytes = new UTF8Encoding(false).GetBytes(RandomLog(new Random(seed), samples: 700, newline));

            AssertSame(bytes, "windows-netstat", [61, 1000, 4093, 32_768]);
        }

        private static string RandomLog(Random random, int samples, string newline)
        {
            string[] states = ["ESTABLISHED", "TIME_WAIT", "CLOSE_WAIT", "SYN_SENT", "FIN_WAIT_2", "LISTENING"];
            int[] pids = [0, 4, 100, 200, 300, 4321, 65_000];
            const string Header = "  Proto  Local Address          Foreign Address        State           PID";
            var dayFirst = random.Next(3) == 0;
            var text = new StringBuilder();
            var minute = 0;
            for (var sample = 0; sample < samples; sample++)
            {
                // A clock set back now and then, and an hour that moves on.
                minute += random.Next(12) == 0 ? -random.Next(1, 30) : 1;
                var (hour, min) = (Math.Abs(minute) / 60 % 24, Math.Abs(minute) % 60);
                var day = 10 + (sample / 200);
                text.Append(random.Next(25) switch
                {
                    0 => $"Mon 02/30/2024 {hour}:{min:00}:00.00",
                    1 => $"{day}.01.2024 {hour}:{min:00}:00,{random.Next(100):00}",
                    _ when dayFirst => $"0{1 + (day % 9)}/0{1 + (sample % 9)}/2024 {hour,2}:{min:00}:00.00",
                    _ => $"Mon 01/{day}/2024 {hour,2}:{min:00}:{random.Next(60):00}.{random.Next(100):00}",
                }).Append(newline);
                if (random.Next(4) != 0)
                {
                    text.Append(random.Next(5) == 0 ? "   " : "").Append(newline);
                }

                if (random.Next(3) == 0)
                {
                    text.Append(random.Next(4) == 0 ? "  Active Connections " : "Active Connections").Append(newline).Append(newline);
                }

                if (random.Next(6) != 0)
                {
                    text.Append(Header).Append(newline);
                }

                var rows = random.Next(8) switch { 0 => 0, 1 => random.Next(2, 25), 2 => random.Next(2, 6), _ => 1 };
                for (var r = 0; r < rows; r++)
                {
                    AppendRow(random, text, states, pids, newline);
                    switch (random.Next(60))
                    {
                        case 0:
                            text.Append("[svchost.exe]").Append(newline);
                            break;
                        case 1:
                            text.Append(" Dnscache").Append(newline).Append("[svchost.exe]").Append(newline);
                            break;
                        case 2:
                            text.Append(" Can not obtain ownership information").Append(newline);
                            break;
                        case 3:
                            text.Append("  TCP    10.0.0.5:50000").Append(newline);
                            break;
                        case 4:
                            text.Append("  TCP    [::1]:5000             [::1]:49700            ESTABLISHED     4321").Append(newline);
                            break;
                        case 5:
                            text.Append(Header).Append(newline);
                            break;
                        case 6:
                            text.Append(newline);
                            break;
                        case 7:
                            // A title after rows is no longer ignored: read line by line.
                            text.Append("Active Connections").Append(newline);
                            break;
                    }
                }

                if (random.Next(30) == 0)
                {
                    // After a sample's rows, before a timestamp whose date is none: the rows still await their exe.
                    text.Append("Mon 02/31/2024 10:00:00").Append(newline).Append("[late.exe]").Append(newline);
                }
            }

            return text.ToString();
        }

        private static void AppendRow(Random random, StringBuilder text, string[] states, int[] pids, string newline)
        {
            var state = states[random.Next(states.Length)];
            var pid = state == "TIME_WAIT" && random.Next(2) == 0 ? 0 : pids[random.Next(pids.Length)];
            var port = 49_152 + random.Next(200);
            switch (random.Next(12))
            {
                case 0:
                    text.Append($"  UDP    0.0.0.0:{port,-5}             *:*                                    {pid}");
                    break;
                case 1:
                    text.Append($"  TCP    10.0.0.5:{port}         10.0.0.9:443           {state}");
                    break;
                default:
                    var remote = state == "LISTENING" ? "0.0.0.0:0      " : $"10.0.{random.Next(3)}.9:443    ";
                    text.Append($"  TCP    10.0.0.5:{port}         {remote}        {state,-15} {pid}");
                    break;
            }

            text.Append(newline);
        }
    }
}
