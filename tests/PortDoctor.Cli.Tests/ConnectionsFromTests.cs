using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Cli.Tests;

public sealed class ConnectionsFromTests
{
    private const string Netstat = """

        Active Connections

          Proto  Local Address          Foreign Address        State           PID
          TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1060
          TCP    10.0.0.5:49712         10.0.0.9:443           ESTABLISHED     4321
          TCP    10.0.0.5:49713         10.0.0.9:443           TIME_WAIT       0
          TCP    10.0.0.5:49714         10.0.0.9:443           TIME_WAIT       0
          TCP    10.0.0.5:49715         10.0.0.9:4x3           ESTABLISHED     4321
        """;

    [Fact]
    public void Connections_from_a_netstat_file_groups_and_names_its_source()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pdo-netstat-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, Netstat.Replace("\n", "\r\n", StringComparison.Ordinal));
        try
        {
            var (code, output, error) = CliRunner.Run("connections", "--from", file, "--group-by", "state", "--format", "csv");

            Assert.Equal(0, code);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains("TIME_WAIT,2", lines);
            Assert.Contains("ESTABLISHED,1", lines);
            Assert.Contains("LISTEN,1", lines);
            Assert.Contains($"portdoctor: note: source {Path.GetFileName(file)} (windows-netstat, ASCII): 1 snapshot, 4 sockets", error, StringComparison.Ordinal);
            Assert.Contains($"portdoctor: note: {Path.GetFileName(file)}: 1 unreadable line: 9", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Connections_from_an_unknown_format_is_one_line_and_exit_65()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pdo-unknown-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "hello world\nthis is not evidence\n");
        try
        {
            var (code, output, error) = CliRunner.Run("connections", "--from", file);

            Assert.Equal(65, code);
            Assert.Empty(output);
            // Every registered format is named, in registration order.
            Assert.Equal($"portdoctor: {file}: not a known evidence format (tried {string.Join(", ", EvidenceFormats.All.Select(f => f.Name))}); " +
                "first line: \"hello world\"", error.Trim());
            Assert.Contains("linux-ss, linux-netstat, proc-net, lsof", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Json_from_files_carries_the_sources_as_notes()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pdo-netstat-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, Netstat);
        try
        {
            var (code, output, _) = CliRunner.Run("connections", "--from", file, "--format", "json");

            Assert.Equal(0, code);
            Assert.Contains($"source {Path.GetFileName(file)} (windows-netstat, ASCII): 1 snapshot, 4 sockets", output, StringComparison.Ordinal);
            Assert.Contains("\"localPort\": 49713", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_terminal_gets_a_progress_line_on_stderr_that_is_cleared_at_the_end()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pdo-netstat-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, Netstat);
        try
        {
            var (code, _, error) = CliRunner.Run(
                env => env with { ErrorIsTerminal = true, Time = new SteppingTime() }, "connections", "--from", file);

            Assert.Equal(0, code);
            Assert.Contains("\rreading evidence: 100% (0 of 0 MB)", error, StringComparison.Ordinal);
            Assert.Contains("\r" + new string(' ', 60) + "\r", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A clock that moves one second each time it is read, so the throttled progress line always draws.</summary>
    private sealed class SteppingTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks += TimeSpan.TicksPerSecond;
    }
}
