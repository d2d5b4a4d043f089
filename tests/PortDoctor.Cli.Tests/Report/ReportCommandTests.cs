using System.Text.Json;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.History;
using Xunit;

namespace PortDoctor.Cli.Tests.Report;

/// <summary>`portdoctor report` in process: a monitor history in a temp SQLite file, and the guide's periodic log as a fixture.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Report");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pdo-report-");

    private string Db => Path.Combine(_dir.FullName, "history.db");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void A_periodic_log_of_a_leak_gives_the_eta_with_a_band_holding_the_truth_and_names_the_leaking_pid()
    {
        // 100 + 5 ports a minute for 60 minutes (pid 4321) plus ~40 steady (pid 777) in 1,000 ports: ~440 used, 560 left at 300/h = 6,720 s.
        var (code, output, error) = CliRunner.Run("report", "--from", Log, Range, "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(61, root.GetProperty("samples").GetInt64());
        Assert.Equal(1000, root.GetProperty("capacity").GetInt32());
        var forecast = root.GetProperty("forecast");
        Assert.Equal(300, forecast.GetProperty("ratePerHour").GetDouble(), 0);
        Assert.InRange(forecast.GetProperty("etaSeconds").GetDouble(), 6720 * 0.95, 6720 * 1.05);
        Assert.InRange(6720, forecast.GetProperty("etaLowSeconds").GetDouble(), forecast.GetProperty("etaHighSeconds").GetDouble());
        Assert.Equal("theil-sen", forecast.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, forecast.GetProperty("reason").ValueKind);
        var top = root.GetProperty("processes")[0];
        Assert.Equal((4321, true, "leak"), (top.GetProperty("pid").GetInt32(), top.GetProperty("leak").GetBoolean(), top.GetProperty("pattern").GetString()));
        Assert.Equal(300, top.GetProperty("growthPerHour").GetDouble(), 0);
        var steady = root.GetProperty("processes").EnumerateArray().Single(p => p.GetProperty("pid").GetInt32() == 777);
        Assert.False(steady.GetProperty("leak").GetBoolean());
    }

    [Fact]
    public void The_table_prints_the_basis_of_the_forecast_then_the_processes_and_change_points()
    {
        var (code, output, _) = CliRunner.Run("report", "--from", Log, Range);

        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.StartsWith("netstat-leak.log.gz, dynamicport.txt: 61 samples from 2024-01-15 09:00:00Z to 2024-01-15 10:00:00Z, pool tcp4 of 1,000 ports", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^Forecast: \+300 ports/h since 09:00 UTC, full in 1 h 5\d min \(1 h \d+ min - [12] h \d+ min\) after the last sample", lines[1]);
        Assert.Contains("Change points: none", output, StringComparison.Ordinal);
    }

    [Fact]
    public void History_with_a_restarted_leaking_service_forecasts_from_the_new_pid_and_lists_the_restart()
    {
        var now = DateTimeOffset.UtcNow;
        using (var store = HistoryStore.Open(Db))
        {
            for (var m = -120; m <= 0; m++)
            {
                // java leaks 10 ports a minute; at -50 min it restarts as a new PID from 200.
                var (pid, ports) = m < -50 ? (100, 200 + 10 * (m + 120)) : (230, 200 + 10 * (m + 50));
                store.Append(Sample(now.AddMinutes(m), 28_232, ("java", pid, ports), ("nginx", 7, 300 + (m & 1))));
            }
        }

        var (code, output, error) = CliRunner.Run("report", "--db", Db, "--since", "3h", "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(121, root.GetProperty("samples").GetInt64());
        var forecast = root.GetProperty("forecast");
        Assert.Equal(600, forecast.GetProperty("ratePerHour").GetDouble(), 0);
        // 700 + 300 = 1,000 of 28,232 at the end: 27,232 left at 600/h.
        Assert.Equal(27_232 / 600.0 * 3600, forecast.GetProperty("etaSeconds").GetDouble(), 0);
        Assert.Equal(now.AddMinutes(-50).ToUnixTimeSeconds(), forecast.GetProperty("window").GetProperty("start").GetDateTimeOffset().ToUnixTimeSeconds());
        var java = root.GetProperty("processes")[0];
        Assert.Equal(("java", 230, 1), (java.GetProperty("process").GetString(), java.GetProperty("pid").GetInt32(), java.GetProperty("restarts").GetInt32()));
        var kinds = root.GetProperty("changePoints").EnumerateArray().Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("process").GetString())).ToList();
        Assert.Contains(("restart", "java"), kinds);
        Assert.Contains(("drop", null), kinds);
    }

    [Fact]
    public void A_flat_history_gives_no_eta_and_the_reason()
    {
        var now = DateTimeOffset.UtcNow;
        using (var store = HistoryStore.Open(Db))
        {
            for (var m = -60; m <= 0; m++)
            {
                store.Append(Sample(now.AddMinutes(m), 28_232, ("nginx", 7, 3000 + (m % 3))));
            }
        }

        var (code, output, _) = CliRunner.Run("report", "--db", Db, "--format", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var forecast = json.RootElement.GetProperty("forecast");
        Assert.Equal(JsonValueKind.Null, forecast.GetProperty("etaSeconds").ValueKind);
        Assert.Equal("not-growing", forecast.GetProperty("reason").GetString());
    }

    [Fact]
    public void Out_writes_the_csv_to_the_file_and_nothing_to_stdout()
    {
        var file = Path.Combine(_dir.FullName, "report.csv");

        var (code, output, _) = CliRunner.Run("report", "--from", Log, Range, "--format", "csv", "--out", file);

        Assert.Equal(0, code);
        Assert.Equal("", output);
        var lines = File.ReadAllLines(file);
        Assert.Equal("pid,process,portsLatest,growthPerHour,leak,pattern,restarts", lines[0]);
        Assert.StartsWith("4321,pid 4321,400,300,true,leak,0", lines[1], StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.FullName, "*.tmp"));
    }

    [Fact]
    public void Db_and_from_together_are_a_usage_error_on_one_line()
    {
        var (code, _, error) = CliRunner.Run("report", "--db", Db, "--from", Log);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("portdoctor: --db and --from are two sources: give one", error.Trim());
    }

    [Fact]
    public void A_history_with_nothing_in_the_window_is_bad_input_on_one_line()
    {
        using (var store = HistoryStore.Open(Db))
        {
            store.Append(Sample(DateTimeOffset.UtcNow.AddDays(-3), 28_232, ("nginx", 7, 10)));
        }

        var (code, _, error) = CliRunner.Run("report", "--db", Db, "--since", "1h");

        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"portdoctor: no samples in {Db} since ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_history_file_is_bad_input_on_one_line_as_for_history()
    {
        var (code, _, error) = CliRunner.Run("report", "--db", Db);
        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Equal($"portdoctor: {Db}: no history file here (a monitor creates it on its first sample)", error.Trim());
    }

    private static string Log => Path.Combine(Fixtures, "netstat-leak.log.gz");

    private static string Range => Path.Combine(Fixtures, "dynamicport.txt");

    private static HostSample Sample(DateTimeOffset time, int capacity, params (string Name, int Pid, int Ports)[] processes) =>
        new(time, "report-test")
        {
            Pools = [new PoolSample(TransportProtocol.Tcp, null, capacity, processes.Sum(p => p.Ports))
            {
                ByState = new Dictionary<SocketState, int> { [SocketState.Established] = processes.Sum(p => p.Ports) },
            }],
            Processes = [.. processes.Select(p => new ProcessSample(p.Pid, null, p.Name, p.Ports))],
        };
}
