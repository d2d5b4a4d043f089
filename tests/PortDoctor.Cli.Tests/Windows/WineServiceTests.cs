using System.Text.Json;
using System.Text.RegularExpressions;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Windows;

/// <summary>
/// `monitor --service` of the win-x64 build under Wine's Service Control Manager (services.exe,
/// sc.exe): installed, started, sampling into its history, stopped by `sc stop` with exit code 0,
/// and refused in one line when started from a console. docs/windows.md lists what only a real
/// Windows shows (the service account, recovery actions).
/// </summary>
[Takes(67)] // the 4 Wine classes measured together, each booting its own prefix (load 12)
public sealed partial class WineServiceTests
{
    private const string Service = "PortDoctorWineTest";

    [Fact]
    public void Sc_start_runs_the_monitor_as_a_service_and_sc_stop_ends_it_with_exit_code_0()
    {
        var (wine, exe) = Wine.RequireOrSkip("cli", "portdoctor.exe");

        var folder = Directory.CreateTempSubdirectory("pdw-service-").FullName;
        try
        {
            using var prefix = Wine.NewPrefix(wine);
            var db = Path.Combine(folder, "history.db");

            // Services get the system environment, not ours: without this, .NET under Wine 8 dies with
            // "internal error 0x80131506" (see WinePrefix); on Windows the default W^X is fine.
            // Set before services.exe starts again: the idle program below starts it, with its own pipes
            // (a later command that started it would leave it holding that command's output open).
            var (regCode, _, regError) = prefix.Run("reg", "add", @"HKLM\System\CurrentControlSet\Control\Session Manager\Environment", "/v", "DOTNET_EnableWriteXorExecute", "/d", "0", "/f");
            Assert.True(regCode == 0, regError);
            prefix.WaitForShutdown();
            using var idle = prefix.StartIdleProgram();

            // From a console: not started by the SCM, so one line and 64, nothing written.
            var (code, _, error) = prefix.Run(exe, "monitor", "--service", "--db", Windows(db));
            Assert.True(code == 64, error);
            Assert.Contains("portdoctor: --service runs only when the Service Control Manager starts it", error, StringComparison.Ordinal);
            Assert.False(File.Exists(db));

            Sc(prefix, "create", Service, "binPath=", $"\"{Windows(exe)}\" monitor --service --interval 1s --db \"{Windows(db)}\"");
            Sc(prefix, "start", Service);
            var running = WaitForState(prefix, "RUNNING");
            Assert.Contains("RUNNING", running, StringComparison.Ordinal);

            // A sample takes about 11 s under Wine (its CIM query times out): wait for the file, then
            // 30 s of samples. The file is not read meanwhile: Wine's file locks are not Linux's.
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!File.Exists(db) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }

            Thread.Sleep(TimeSpan.FromSeconds(30));
            Sc(prefix, "stop", Service);
            var stopped = WaitForState(prefix, "STOPPED");
            Assert.Matches(@"STATE\s+:\s+1\s+STOPPED", stopped);
            Assert.Matches(@"WIN32_EXIT_CODE\s+:\s+0\s", stopped);
            Sc(prefix, "delete", Service);

            // What it wrote is whole: the history reads back with the samples it took.
            var history = CliRunner.Run("history", "--db", db, "--since", "1h", "--format", "json");
            Assert.True(history.Code == 0, history.Error);
            using var json = JsonDocument.Parse(history.Out);
            Assert.True(json.RootElement.GetProperty("samples").GetInt32() >= 2, history.Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Wine's Z: drive is the Linux root.</summary>
    private static string Windows(string path) => "Z:" + path.Replace('/', '\\');

    private static string Sc(WinePrefix prefix, params string[] args)
    {
        var (code, output, error) = prefix.Run("sc", args);
        Assert.True(code == 0, $"sc {string.Join(' ', args)}: exit {code}\n{output}\n{error}");
        return output;
    }

    /// <summary>Polls `sc query` for up to 90 s (a .NET start under a new prefix is slow) until the state shows.</summary>
    private static string WaitForState(WinePrefix prefix, string state)
    {
        var output = "";
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            output = prefix.Run("sc", "query", Service).Out;
            if (StateLine().Match(output) is { Success: true } match && match.Groups[1].Value == state)
            {
                return output;
            }

            Thread.Sleep(500);
        }

        return output;
    }

    [GeneratedRegex(@"STATE\s+:\s+\d+\s+(\w+)")]
    private static partial Regex StateLine();
}
