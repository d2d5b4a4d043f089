using System.Text.Json;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.History;
using Xunit;

namespace PortDoctor.Cli.Tests.Forecast;

/// <summary>Live `diagnose` with the monitor's history (a file built with the HistoryStore API) against a fake host.</summary>
public sealed class DiagnoseHistoryTests : IDisposable
{
    private const int Leaker = 4321;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pdo-diagnose-history-");
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    private string Db => Path.Combine(_dir.FullName, "history.db");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Diagnose_with_db_gives_the_same_eta_and_leaker_as_report_db()
    {
        // 100 + 5 ports a minute for an hour (pid 4321) in 1,000: 400 used, 600 left at 300/h = 7,200 s.
        WriteLeak();

        var report = CliRunner.Run("report", "--db", Db, "--format", "json");
        var (code, output, error) = Diagnose(Live(400), "--db", Db);

        Assert.True(report.Code == 0, report.Error);
        using var reportJson = JsonDocument.Parse(report.Out);
        var eta = reportJson.RootElement.GetProperty("forecast").GetProperty("etaSeconds").GetDouble();
        Assert.InRange(eta, 7200 * 0.9, 7200 * 1.1);
        Assert.Equal((int)ExitCode.AtRisk, code);
        using var json = JsonDocument.Parse(output);
        var forecast = Finding(json, "forecast").GetProperty("numbers");
        Assert.Equal(eta / 60, forecast.GetProperty("minutes").GetDouble(), 0.1);
        var band = reportJson.RootElement.GetProperty("forecast");
        Assert.Equal(band.GetProperty("etaLowSeconds").GetDouble() / 60, forecast.GetProperty("minutesLow").GetDouble(), 0.1);
        Assert.Equal(band.GetProperty("etaHighSeconds").GetDouble() / 60, forecast.GetProperty("minutesHigh").GetDouble(), 0.1);
        Assert.Equal(Leaker, forecast.GetProperty("pid").GetInt32());
        Assert.Contains(json.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith($"history: {Db}, 61 samples", StringComparison.Ordinal));
        Assert.Contains($"history: {Db}, 61 samples", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flat_history_gives_the_same_no_forecast_reason_as_report()
    {
        using (var store = HistoryStore.Open(Db))
        {
            for (var m = -60; m <= 0; m++)
            {
                store.Append(Sample(_now.AddMinutes(m), 300 + (m % 3)));
            }
        }

        var report = CliRunner.Run("report", "--db", Db, "--format", "json");
        var (code, output, _) = Diagnose(Live(300), "--db", Db);

        using var reportJson = JsonDocument.Parse(report.Out);
        Assert.Equal("not-growing", reportJson.RootElement.GetProperty("forecast").GetProperty("reason").GetString());
        Assert.Equal((int)ExitCode.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("not-growing", Finding(json, "no-forecast").GetProperty("labels").GetProperty("reason").GetString());
    }

    [Fact]
    public void A_time_wait_4_tuple_the_monitor_saw_established_belongs_to_its_owner_from_history()
    {
        // 10.9.9.9:443 is talked to by no live process: without history that TIME_WAIT has no owner.
        WriteLeak(new ConnectionOwner(new Endpoint("10.0.0.5", 40999), new Endpoint("10.9.9.9", 443), Leaker, null));
        var live = Live(400);
        live = live with { Sockets = [.. live.Sockets, new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.TimeWait, new Endpoint("10.0.0.5", 40999), new Endpoint("10.9.9.9", 443))] };

        var with = TimeWait(Diagnose(live, "--db", Db).Out);
        var without = TimeWait(Diagnose(live).Out);

        Assert.Equal((Leaker, "high", "from history: the monitor saw this 4-tuple ESTABLISHED under this process"), with);
        Assert.Equal((null, "none", "no live process talks to this remote endpoint"), without);
    }

    [Fact]
    public void Without_db_and_without_the_default_file_the_notes_say_no_history_was_used()
    {
        WriteLeak();

        var (code, output, error) = Diagnose(Live(400));

        Assert.Equal((int)ExitCode.Ok, code);
        Assert.DoesNotContain("\"forecast\"", output, StringComparison.Ordinal);
        Assert.Contains($"history: none (no file at {CliRunner.NoHistory}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_file_is_used_when_it_exists_and_said_so()
    {
        WriteLeak();

        var (code, _, error) = CliRunner.Run(
            env => env with { Host = new FakeHost { Collector = new FixedCollector(Live(400)) }, DefaultHistory = Db }, "diagnose", "--no-probe");

        Assert.Equal((int)ExitCode.AtRisk, code);
        Assert.Contains($"history: {Db}, 61 samples", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_default_file_is_no_history_but_an_unreadable_db_is_bad_input_on_one_line()
    {
        File.WriteAllText(Db, "not a database, just text that is long enough to have a header of sixteen bytes");

        var byDefault = CliRunner.Run(env => env with { Host = new FakeHost { Collector = new FixedCollector(Live(400)) }, DefaultHistory = Db }, "diagnose", "--no-probe");
        var given = Diagnose(Live(400), "--db", Db);

        Assert.Equal((int)ExitCode.Ok, byDefault.Code);
        Assert.Contains("history: none (", byDefault.Error, StringComparison.Ordinal);
        Assert.Equal((int)ExitCode.BadInput, given.Code);
        Assert.StartsWith("portdoctor: ", given.Error, StringComparison.Ordinal);
        Assert.Single(given.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Db_with_from_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("diagnose", "--db", Db, "--from", Db);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("portdoctor: --db is this machine's history and cannot be combined with --from (files from elsewhere)", error.Trim());
    }

    [Fact]
    public void Db_with_all_netns_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("diagnose", "--db", Db, "--all-netns");
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("portdoctor: --db is one namespace's history: it cannot be combined with --all-netns", error.Trim());
    }

    private static (int Code, string Out, string Error) Diagnose(Snapshot live, params string[] args) =>
        CliRunner.Run(env => env with { Host = new FakeHost { Collector = new FixedCollector(live) } }, ["diagnose", "--no-probe", "--format", "json", .. args]);

    private static JsonElement Finding(JsonDocument json, string kind) =>
        json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == kind);

    private static (int? Pid, string? Confidence, string? Basis) TimeWait(string output)
    {
        using var json = JsonDocument.Parse(output);
        var owner = json.RootElement.GetProperty("timeWait").EnumerateArray().Single(t => t.GetProperty("remote").GetString() == "10.9.9.9:443");
        var pid = owner.GetProperty("pid");
        return (pid.ValueKind == JsonValueKind.Null ? null : pid.GetInt32(), owner.GetProperty("confidence").GetString(), owner.GetProperty("basis").GetString());
    }

    private void WriteLeak(params ConnectionOwner[] connections)
    {
        using var store = HistoryStore.Open(Db);
        for (var m = -60; m <= 0; m++)
        {
            store.Append(Sample(_now.AddMinutes(m), 100 + (5 * (m + 60))) with { Connections = m == -2 ? connections : [] });
        }
    }

    private static HostSample Sample(DateTimeOffset time, int ports) =>
        new(time, "diagnose-history-test")
        {
            Pools = [new PoolSample(TransportProtocol.Tcp, null, 1000, ports) { ByState = new Dictionary<SocketState, int> { [SocketState.Established] = ports } }],
            Processes = [new ProcessSample(Leaker, null, "worker", ports)],
        };

    /// <summary>The host now: <paramref name="held"/> connections of pid 4321 held open in a 1,000-port range (below the culprit-share risk).</summary>
    private static Snapshot Live(int held) => new()
    {
        Time = DateTimeOffset.UtcNow,
        Host = "fixture",
        Os = OsKind.Linux,
        Sockets = [.. Enumerable.Range(0, held).Select(i => new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established, new Endpoint("10.0.0.5", 40000 + i), new Endpoint("10.1.1.1", 6379)) { Pid = Leaker, ProcessName = "worker" })],
        Processes = new Dictionary<int, ProcessInfo> { [Leaker] = new(Leaker, "worker") { HandleCount = held + 12, SocketCount = held } },
        Ports = new PortConfiguration { Dynamic = [new DynamicPortRange(TransportProtocol.Tcp, IpFamily.IPv4, new PortRange(40000, 1000))] },
    };
}
