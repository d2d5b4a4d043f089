using System.Globalization;
using System.Text;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed partial class Utf8FastPathTests
{
    /// <summary>
    /// Group-Object rows, netsh exclusion rows and Format-List continuation lines judged on the chunk
    /// workers (<c>ShapedRows</c>) and applied on the reading thread: random files of each shape, with
    /// every line the workers must leave to the reader (prompts, colour, keys, fences, blank lines that
    /// close a value, continuations with no open value, rows naming a process, titles) and rows past
    /// each reader's limits (counts past 4 M, exclusions past 10,000, a message past 64 Ki), in CRLF,
    /// LF and CR, through chunks of 61 B to 32 KB, against the general path.
    /// </summary>
    [Takes(10)]
    public sealed class ShapedChunks
    {
        private static readonly int[] Chunks = [61, 257, 4093, 32_771];

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void Group_object_rows_judged_on_the_workers_read_the_same_both_ways(int seed)
        {
            var random = new Random(seed);
            string[] odd =
            [
                "", "Count Name                      Group", "----- ----                      -----", "   12 4321, Established web {x}",
                "   12 4321 nginx", "    3 TimeWait,", "    3 Weird, 1", "PS C:\\> Get-NetTCPConnection | Group-Object State", "...",
                "\u001b[32;1m    6 TimeWait, 0\u001b[0m", "    4 Établie, 9", "    5\tListen,\t88\tsqlservr", "    3 TimeWait, 0 C:\\x", "   7 Bound: 2",
            ];
            string[] states = ["TimeWait", "Established", "Bound", "Listen", "5", "CloseWait"];

            // Seed 3 stays under the 4 M sockets counted: its unreadable lines are the odd ones, listed with their numbers all through the file.
            var huge = seed == 3 ? 1000 : 1_100_000;
            AssertSameInChunks(Lines(random, 6000, () => random.Next(12) switch
            {
                0 => odd[random.Next(odd.Length)],
                1 => $"{random.Next(huge * 8 / 10, huge)} {states[random.Next(states.Length)]}, {random.Next(3)}               {{MSFT_NetTCPConnection}}",
                2 => $"  {random.Next(50)} {random.Next(1, 9000)}, {states[random.Next(states.Length)]}",
                3 => $"  {random.Next(50)} {states[random.Next(states.Length)]}",
                _ => $"{random.Next(0, huge / 400)} {states[random.Next(states.Length)]}, {random.Next(0, 9000)}{new string(' ', random.Next(1, 20))}{{MSFT_NetTCPConnection}}",
            }), "powershell-group");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void Exclusion_rows_judged_on_the_workers_read_the_same_both_ways(int seed)
        {
            var random = new Random(seed);
            string[] odd =
            [
                "", "Protocol tcp Port Exclusion Ranges", "Protocol udp Port Exclusion Ranges", "Start Port    End Port", "----------    --------",
                "* - Administered port exclusions.", "C:\\>netsh int ipv6 show excludedportrange tcp", "Start Port      : 49152", "Number of Ports : 16384",
                "  `1000 1001`", "  1000\u00a01001", "  1000 1001 x", "     65535       65536", "  1 2 3", "  garbage 12",
            ];

            // Seed 3 passes the 10,000 exclusions kept, so the rows after it are only counted.
            var rows = seed == 3 ? 14_000 : 6000;
            AssertSameInChunks(Lines(random, rows, () =>
            {
                var start = random.Next(1, 65000);
                return random.Next(10) switch
                {
                    0 => odd[random.Next(odd.Length)],
                    1 => $"     {start}       {start + random.Next(500)}     *",
                    _ => $"{new string(' ', random.Next(0, 8))}{start}{new string(' ', random.Next(1, 9))}{start + random.Next(500)}",
                };
            }), "netsh");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void Continuations_judged_on_the_workers_read_the_same_both_ways(int seed)
        {
            var random = new Random(seed);
            string[] odd =
            [
                "", "    Key: a shallow indent with a colon is a key", "               Deep: a deep indent with a colon continues",
                "    a line ending with a colon:", "    Event[3]:", "    PS C:\\> Get-WinEvent", "    ```", "    [...]", "    ^C", "    ~~~text",
                "    Überprüfung der Verbindung", "    a control\vcharacter", "   ", "    \u001b[32mcolored\u001b[0m continuation",
                "TimeCreated  : 1/15/2024 10:00:00 AM", "Id           : 4227", "ProviderName : Tcpip", "Message      : TCP/IP failed to establish",
            ];
            var wrapped = "an outgoing connection because the selected local endpoint was recently used";

            // A long message (seed 2 passes the 64 Ki limit: pieces of growing length, a short one after a dropped long one).
            var tail = seed == 2 ? 1400 : 200;
            var count = 0;
            AssertSameInChunks(Lines(random, 4000, () => (count++ % 400 == 0, random.Next(8)) switch
            {
                (true, _) => "Id           : 4227",
                (_, 0) => odd[random.Next(odd.Length)],
                (_, 1) => $"{new string(' ', random.Next(1, 20))}{wrapped[..random.Next(1, wrapped.Length)]}\t",
                _ => $"{new string(' ', random.Next(1, 16))}{wrapped[random.Next(30)..]} {random.Next(tail)}{new string('x', random.Next(tail))}",
            }), "events-list");
        }

        private static string Lines(Random random, int count, Func<string> next)
        {
            var newline = random.Next(3) switch { 0 => "\r\n", 1 => "\n", _ => "\r" };
            var text = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                // Now and then a lone CR or LF in a CRLF file: the cut must agree on those too.
                text.Append(next()).Append(random.Next(50) == 0 ? (random.Next(2) == 0 ? "\r" : "\n") : newline);
            }

            return text.ToString();
        }

        private static void AssertSameInChunks(string text, string format)
        {
            var bytes = new UTF8Encoding(false).GetBytes(text);
            Assert.True(bytes.Length > 100_000, bytes.Length.ToString(CultureInfo.InvariantCulture));
            AssertSame(bytes, format, Chunks);
        }
    }
}
