using System.Diagnostics;
using System.Text;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>
/// A `--from` file truncated while the built binary reads it (`cp` over it, logrotate copytruncate)
/// was mapped and killed the process with SIGBUS (exit 135, no message). Now: exit 65 and one line,
/// or, when the truncation came before the read began or after it ended, an ordinary answer; never a signal.
/// </summary>
public sealed class ShrinkingEvidenceTests : IDisposable
{
    private const int Rounds = 12;
    private readonly string _dir = Directory.CreateTempSubdirectory("pdo-shrink-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_file_truncated_while_being_read_is_exit_65_with_one_line()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only (/proc/PID/fd shows when the child has the file open)");
        var binary = BuiltCli.Path;
        Assert.True(File.Exists(binary), $"{binary} was not built");
        var block = Block();
        var path = Path.Combine(_dir, "netstat.log");
        var changed = 0;
        for (var round = 0; round < Rounds; round++)
        {
            // 96 MB: read on every core (1 MB and more), long enough to be cut short; settled, as a file a customer sent.
            using (var file = File.Create(path))
            {
                for (var written = 0L; written < 96L << 20; written += block.Length)
                {
                    file.Write(block);
                }
            }

            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-10));
            var (code, error) = await RunTruncating(binary, path, round);
            Assert.True(code < 128, $"round {round}: killed by signal {code - 128}: {error}");
            if (code == 65)
            {
                changed++;
                var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.StartsWith("portdoctor: ", line, StringComparison.Ordinal);
                // Cut while being read, or cut to nothing before the read began: either way one line, no verdict.
                Assert.True(
                    line.Contains("changed while being read", StringComparison.Ordinal) || line.Contains("no socket evidence", StringComparison.Ordinal),
                    line);
            }
        }

        Assert.True(changed > 0, $"no round truncated the file while it was read ({Rounds} rounds)");
    }

    /// <summary>Starts the CLI, waits until it has the file open, truncates it a few ms later, and returns its exit code and stderr.</summary>
    private static async Task<(int Code, string Error)> RunTruncating(string binary, string path, int round)
    {
        using var process = Process.Start(new ProcessStartInfo(binary, ["connections", "--from", path, "--group-by", "state", "--format", "csv"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var cancel = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var error = process.StandardError.ReadToEndAsync(cancel);
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && !HasOpen(process.Id, path) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(1, cancel);
        }

        // Past start-up and format detection, into the parallel read (the rounds spread over it).
        await Task.Delay(100 + (round % 4 * 100), cancel);
        using (var truncate = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            truncate.SetLength(round % 2 == 0 ? 0 : 1 << 20);
        }

        await process.WaitForExitAsync(cancel);
        await output;
        return (process.ExitCode, await error);
    }

    private static bool HasOpen(int pid, string path)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Any(fd => new FileInfo(fd).LinkTarget == path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static byte[] Block()
    {
        var text = new StringBuilder("Mon 01/15/2024 10:00:00.00\r\n\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n");
        for (var i = 0; i < 12_000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  TCP    10.0.0.5:{49152 + (i % 16000),-17}10.0.0.9:443           TIME_WAIT       0\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
