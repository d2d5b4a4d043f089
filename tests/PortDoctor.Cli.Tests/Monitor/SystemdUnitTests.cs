using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Monitor;

/// <summary>deploy/systemd/portdoctor-monitor.service: systemd accepts it, and portdoctor accepts its command line.</summary>
public sealed class SystemdUnitTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pd-unit-" + Guid.NewGuid().ToString("N")[..8]);

    public SystemdUnitTests() => Directory.CreateDirectory(_folder);

    private static string Unit => File.ReadAllText(RepositoryFiles.PathOf("deploy", "systemd", "portdoctor-monitor.service"));

    private static string ExecStart => Unit.Split('\n').Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..].Trim();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Systemd_analyze_verify_accepts_the_unit()
    {
        if (!File.Exists("/usr/bin/systemd-analyze") && !File.Exists("/bin/systemd-analyze"))
        {
            Assert.Skip("needs systemd-analyze (systemd)");
        }

        // verify checks that ExecStart's program exists: point it at one that does on this machine.
        var unit = Path.Combine(_folder, "portdoctor-monitor.service");
        File.WriteAllText(unit, Unit.Replace("/usr/local/bin/portdoctor", "/bin/true", StringComparison.Ordinal));

        var (code, output, error) = ChildProgram.Run("systemd-analyze", ["verify", unit], TimeSpan.FromSeconds(60));

        Assert.True(code == 0 && error.Trim().Length == 0, $"exit {code}: {output}{error}");
    }

    [Fact]
    public void The_unit_waits_for_ready_and_its_watchdog_outlasts_two_intervals()
    {
        var lines = Unit.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("Type=notify", lines);
        Assert.Contains("NotifyAccess=main", lines);
        var watchdog = PortDoctor.Core.DurationText.Parse("WatchdogSec", lines.Single(l => l.StartsWith("WatchdogSec=", StringComparison.Ordinal))["WatchdogSec=".Length..]);
        var args = ExecStart.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var interval = PortDoctor.Core.DurationText.Parse("--interval", args[args.IndexOf("--interval") + 1]);
        Assert.True(watchdog > 2 * interval, $"WatchdogSec {watchdog} must outlast two intervals of {interval}: a sample is notified once per interval");
    }

    [Fact]
    public void The_units_command_line_is_a_valid_monitor_invocation()
    {
        var args = ExecStart.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal("monitor", args[0]);
        var db = args.IndexOf("--db");
        Assert.Equal("/var/lib/portdoctor/history.db", args[db + 1]);
        args[db + 1] = Path.Combine(_folder, "history.db");

        var (code, output, error) = CliRunner.Run(
            e => e with { Host = new FakeHost { Collector = new FixedCollector(FixedCollector.Sample() with { Time = DateTimeOffset.UtcNow }), Probes = _ => [] } },
            [.. args, "--duration", "1s"]);

        Assert.True(code == 0, error);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
