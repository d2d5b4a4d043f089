using System.Globalization;
using System.Text;
using System.Text.Json;
using PortDoctor.Core;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>
/// What `--from` refuses and what it adds: no socket evidence is no verdict (65, one line), a
/// process list joins the netstat snapshot instead of replacing it, stdin once, unreadable files
/// and --since with files are one line each.
/// </summary>
public sealed class EvidenceInputTests : IDisposable
{
    private const string Netsh = "\r\nProtocol tcp Dynamic Port Range\r\n---------------------------------\r\nStart Port      : 10000\r\nNumber of Ports : 1000\r\n";

    private const string GetProcess = """

        Handles  NPM(K)    PM(K)      WS(K)     CPU(s)     Id  SI ProcessName
        -------  ------    -----      -----     ------     --  -- -----------
            412      24    12856      21604       2.42   4321   0 app
          14250     512   402716     389920     811.09   7788   0 BackendWorker
           6124       0      204        152   1,203.44      4   0 System

        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pdo-evidence-input-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void A_newer_get_process_keeps_the_netstat_verdict_and_culprit_and_adds_its_handle_count()
    {
        var netstat = Write("netstat-anoq.txt", Anoq(bound: 800), DateTime.UtcNow.AddMinutes(-3));
        var netsh = Write("dynamicport.txt", Netsh, DateTime.UtcNow.AddMinutes(-3));
        var processes = Write("getprocess.txt", GetProcess, DateTime.UtcNow);

        var before = CliRunner.Run("diagnose", "--from", netstat, netsh, "--format", "json");
        var (code, output, error) = CliRunner.Run("diagnose", "--from", netstat, netsh, processes, "--format", "json");

        Assert.Equal((int)ExitCode.AtRisk, before.Code);
        Assert.True(code == (int)ExitCode.AtRisk, error);
        using var json = JsonDocument.Parse(output);
        var culprit = json.RootElement.GetProperty("culprits")[0];
        Assert.Equal(7788, culprit.GetProperty("pid").GetInt32());
        Assert.Equal(14250, culprit.GetProperty("handleCount").GetInt32());
        Assert.Contains("BackendWorker", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diagnose")]
    [InlineData("connections")]
    public void Files_without_sockets_are_bad_input_with_one_line_saying_what_is_missing(string verb)
    {
        var processes = Write("getprocess.txt", GetProcess, DateTime.UtcNow);
        var netsh = Write("dynamicport.txt", Netsh, DateTime.UtcNow);
        var empty = Write("empty.txt", "", DateTime.UtcNow);

        var (code, output, error) = CliRunner.Run(verb, "--from", processes, netsh, empty);

        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Empty(output);
        Assert.Equal(
            "portdoctor: no socket evidence in getprocess.txt (get-process), dynamicport.txt (netsh), empty.txt (empty): " +
            "give netstat -ano (-anob, -anoq), ss -tanp, Get-NetTCPConnection or /proc/net/tcp output",
            error.TrimEnd());
    }

    [Fact]
    public void Live_proc_net_tcp_is_read_to_its_end()
    {
        Assert.SkipUnless(File.Exists("/proc/net/tcp"), "no /proc/net/tcp on this OS");
        var (code, output, error) = CliRunner.Run("connections", "--from", "/proc/net/tcp", "--format", "json");
        Assert.True(code == 0, error);
        Assert.Contains("source tcp (proc-net", error, StringComparison.Ordinal);
        Assert.NotEqual("[]", output.Trim());
    }

    [Fact]
    public void Standard_input_twice_is_a_usage_error_of_one_line()
    {
        var (code, _, error) = CliRunner.Run("diagnose", "--from", "-", "-");
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("portdoctor: standard input ('-') can be given once in --from", error.TrimEnd());
    }

    [Fact]
    public void A_file_the_os_refuses_is_bad_input_with_one_line()
    {
        const string refused = "/proc/1/mem";
        Assert.SkipWhen(CanOpen(refused), $"{refused} can be opened here: no refused file to try");

        var (code, _, error) = CliRunner.Run("diagnose", "--from", refused);

        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Equal($"portdoctor: {refused}: cannot read: permission denied", error.TrimEnd());
    }

    [Fact]
    public void Since_with_files_is_a_usage_error()
    {
        var netstat = Write("netstat-anoq.txt", Anoq(bound: 10), DateTime.UtcNow);
        var (code, output, error) = CliRunner.Run("diagnose", "--from", netstat, "--since", "1h");
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Empty(output);
        Assert.Contains("--since reads this machine's event log and cannot be combined with --from", error, StringComparison.Ordinal);
    }

    private static bool CanOpen(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>netstat -anoq: PID 7788 holds <paramref name="bound"/> BOUND ports from 10000 on.</summary>
    private static string Anoq(int bound)
    {
        var text = new StringBuilder("\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n");
        text.Append("  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1060\r\n");
        text.Append("  TCP    10.0.0.5:9001          10.0.0.9:443           ESTABLISHED     4321\r\n");
        for (var i = 0; i < bound; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  TCP    0.0.0.0:{10000 + i,-5}          0.0.0.0:0              BOUND           7788\r\n");
        }

        return text.ToString();
    }

    private string Write(string name, string text, DateTime time)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, time);
        return path;
    }
}
