using System.Text.Json;
using PortDoctor.Core.Model;
using PortDoctor.History;
using PortDoctor.Platform;
using Xunit;

namespace PortDoctor.Cli.Tests.Monitor;

public sealed class MonitorCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pd-monitor-" + Guid.NewGuid().ToString("N")[..8]);

    private string Db => Path.Combine(_folder, "history.db");

    private static CliEnvironment Fake(CliEnvironment env, ISnapshotCollector? collector = null, TimeProvider? time = null) => env with
    {
        Host = new FakeHost
        {
            Time = time ?? TimeProvider.System,
            Collector = collector ?? new FixedCollector(FixedCollector.Sample() with { Time = DateTimeOffset.UtcNow }),
            Probes = _ => [new ProbeResult("bind 127.0.0.1:0", ProbeOutcome.Succeeded)],
        },
    };

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Monitor_prints_one_json_object_per_sample_and_history_reads_them_back()
    {
        // 3 s at 1 s on a clock where sampling takes no time: samples at 0, 1 and 2 s, however loaded the machine.
        var (code, output, error) = CliRunner.Run(
            e => Fake(e, time: new JumpingTime(DateTimeOffset.UtcNow)),
            "monitor", "--interval", "1s", "--duration", "3s", "--db", Db, "--format", "json");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            // Toward 10.0.0.7:5432: two ESTABLISHED, a CLOSE_WAIT and a TIME_WAIT (attributed to pid 20, the one client there).
            Assert.Equal(4, first.RootElement.GetProperty("portsInUse").GetInt32());
            Assert.Equal(20, first.RootElement.GetProperty("processes")[0].GetProperty("pid").GetInt32());
            Assert.Equal("ok", first.RootElement.GetProperty("probe").GetString());
        }

        var history = CliRunner.Run(e => Fake(e), "history", "--db", Db, "--format", "json");
        Assert.Equal(0, history.Code);
        using var json = JsonDocument.Parse(history.Out);
        Assert.Equal(lines.Length, json.RootElement.GetProperty("samples").GetInt32());
        var item = json.RootElement.GetProperty("items")[1];
        Assert.Equal(4, item.GetProperty("portsInUse").GetInt32());
        Assert.Equal(66.7, item.GetProperty("utilizationPercent").GetDouble());
        var process = item.GetProperty("processes")[0];
        Assert.Equal("app, \"v2\"", process.GetProperty("process").GetString());
        Assert.Equal(4, process.GetProperty("ports").GetInt32());
    }

    [Fact]
    public void Under_systemd_it_notifies_ready_then_alive_after_each_sample_then_stopping()
    {
        using var manager = new ServiceManagerSocket();
        var (code, _, error) = CliRunner.Run(
            e => Fake(e, time: new JumpingTime(DateTimeOffset.UtcNow)) with { Variable = manager.Variable },
            "monitor", "--interval", "1s", "--duration", "2s", "--db", Db, "--quiet");

        Assert.True(code == 0, error);
        var messages = manager.Received();
        Assert.Equal(4, messages.Count);
        Assert.Equal($"READY=1\nSTATUS=monitoring every 1 s into {Db}", messages[0]);
        Assert.All(messages[1..3], m => Assert.StartsWith("WATCHDOG=1\nSTATUS=", m, StringComparison.Ordinal));
        Assert.Contains(" 4/6 ports ", messages[1], StringComparison.Ordinal);
        Assert.Equal("STOPPING=1", messages[3]);
    }

    [Fact]
    public void History_as_csv_is_one_row_per_sample()
    {
        CliRunner.Run(e => Fake(e), "monitor", "--interval", "1s", "--duration", "1s", "--db", Db, "--quiet");

        var (code, output, _) = CliRunner.Run(e => Fake(e), "history", "--db", Db, "--format", "csv");

        Assert.Equal(0, code);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,pool,portsInUse,capacity,utilizationPercent,topProcesses", rows[0].TrimEnd('\r'));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,tcp,4,6,66\.7,""app, """"v2""""\[20\] 4""$", rows[1].TrimEnd('\r'));
    }

    [Fact]
    public void A_second_monitor_on_the_same_file_refuses_with_one_line_and_69()
    {
        using var writer = HistoryStore.Open(Db);

        var (code, output, error) = CliRunner.Run(e => Fake(e), "monitor", "--interval", "1s", "--duration", "1s", "--db", Db);

        Assert.Equal(69, code);
        Assert.Equal("", output);
        Assert.Equal($"portdoctor: {Db}: another portdoctor monitor is writing this history file; only one writer may (readers may open it)", error.Trim());
    }

    [Theory]
    [InlineData("--interval", "500ms")]
    [InlineData("--interval", "0.5s")]
    [InlineData("--interval", "2h")]
    [InlineData("--format", "csv")]
    [InlineData("--keep", "forever")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        var (code, _, error) = CliRunner.Run(e => Fake(e), "monitor", option, value, "--db", Db);

        Assert.Equal(64, code);
        Assert.StartsWith("portdoctor: ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void Failed_samples_are_one_line_each_and_the_monitor_keeps_going()
    {
        var (code, output, error) = CliRunner.Run(e => Fake(e, new FailingCollector(), new JumpingTime(DateTimeOffset.UtcNow)), "monitor", "--interval", "1s", "--duration", "2s", "--db", Db);

        Assert.Equal(0, code);
        Assert.Equal("", output);
        var failures = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, l => Assert.Matches(@"^portdoctor: sample at \S+Z failed: IOException: netlink refused\r?$", l));
    }

    [Fact]
    public void History_without_a_file_says_so_in_one_line()
    {
        var (code, _, error) = CliRunner.Run(e => Fake(e), "history", "--db", Db);

        Assert.Equal(65, code);
        Assert.Equal($"portdoctor: {Db}: no history file here (a monitor creates it on its first sample)", error.Trim());
    }

    [Fact]
    public void The_windows_service_mode_elsewhere_is_one_line_naming_the_systemd_unit_and_69()
    {
        var (code, output, error) = CliRunner.Run(e => Fake(e), "monitor", "--service", "--db", Db);

        Assert.Equal(69, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("portdoctor: running as a Windows service (--service; on Linux the systemd unit in deploy/systemd runs the monitor) is not available", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    private sealed class FailingCollector : ISnapshotCollector
    {
        public Snapshot Collect(CollectOptions options, CancellationToken cancellationToken = default) => throw new IOException("netlink refused");
    }
}
