using System.IO.Compression;
using System.Text;
using System.Text.Json;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.History;
using PortDoctor.Platform.Bundle;
using Xunit;

namespace PortDoctor.Cli.Tests.Forecast;

/// <summary>
/// collect puts the monitor's history into the bundle (history.db), and `report --from` and
/// `diagnose --from` the bundle trend from it as `report --db` does on the machine: same ETA, same
/// leaker, TIME_WAIT owners from the stored 4-tuples; masked when --mask is given.
/// </summary>
public sealed class BundleHistoryTests : IDisposable
{
    private const int Leaker = 4321;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pdo-bundle-history-");
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    private string Db => Path.Combine(_dir.FullName, "history.db");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Report_and_diagnose_from_the_bundle_trend_from_its_history_like_report_db()
    {
        WriteLeak();
        var bundle = Collect("b.zip");

        var onMachine = CliRunner.Run("report", "--db", Db, "--format", "json");
        var fromBundle = CliRunner.Run("report", "--from", bundle, "--format", "json");
        var diagnose = CliRunner.Run("diagnose", "--from", bundle, "--format", "json");

        Assert.True(fromBundle.Code == 0, fromBundle.Error);
        Assert.Contains("b.zip!history.db: the trend is the monitor's history the bundle carries", fromBundle.Error, StringComparison.Ordinal);
        Assert.True(onMachine.Code == 0, onMachine.Error);
        using var machine = JsonDocument.Parse(onMachine.Out);
        using var report = JsonDocument.Parse(fromBundle.Out);
        Assert.Equal(61, report.RootElement.GetProperty("samples").GetInt32());
        var eta = machine.RootElement.GetProperty("forecast").GetProperty("etaSeconds").GetDouble();
        Assert.InRange(eta, 7200 * 0.9, 7200 * 1.1);
        Assert.Equal(eta, report.RootElement.GetProperty("forecast").GetProperty("etaSeconds").GetDouble(), 0.5);
        Assert.Equal(Leaker, report.RootElement.GetProperty("processes")[0].GetProperty("pid").GetInt32());

        Assert.True(diagnose.Out.Length > 0, diagnose.Error);
        using var json = JsonDocument.Parse(diagnose.Out);
        var forecast = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "forecast");
        Assert.Equal(eta / 60, forecast.GetProperty("numbers").GetProperty("minutes").GetDouble(), 0.1);
        var owner = json.RootElement.GetProperty("timeWait").EnumerateArray().Single(t => t.GetProperty("remote").GetString() == "10.9.9.9:443");
        Assert.Equal((Leaker, "high"), (owner.GetProperty("pid").GetInt32(), owner.GetProperty("confidence").GetString()));
        Assert.Contains(json.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("history: b.zip!history.db, 61 samples", StringComparison.Ordinal));
    }

    [Fact]
    public void A_masked_bundle_holds_no_address_in_its_history_and_still_trends()
    {
        WriteLeak();
        var bundle = Collect("m.zip", "--mask");

        using (var zip = ZipFile.OpenRead(bundle))
        {
            using var entry = new MemoryStream();
            zip.GetEntry("history.db")!.Open().CopyTo(entry);
            var text = Encoding.Latin1.GetString(entry.ToArray());
            Assert.StartsWith("SQLite format 3", text, StringComparison.Ordinal);
            Assert.DoesNotContain("10.9.9.9", text, StringComparison.Ordinal);
            Assert.DoesNotContain("10.0.0.5", text, StringComparison.Ordinal);
        }

        var report = CliRunner.Run("report", "--from", bundle, "--format", "json");

        Assert.True(report.Code == 0, report.Error);
        using var json = JsonDocument.Parse(report.Out);
        Assert.Equal(61, json.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("forecast").GetProperty("etaSeconds").ValueKind);
    }

    [Fact]
    public void Since_limits_the_history_and_the_manifest_lists_it_with_its_sha256()
    {
        WriteLeak();
        var bundle = Collect("s.zip", "--since", "30m");

        using var zip = ZipFile.OpenRead(bundle);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var item = manifest.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "history.db");
        Assert.StartsWith("the monitor's history of the last 30 min from ", item.GetProperty("command").GetString(), StringComparison.Ordinal);
        using var entry = zip.GetEntry("history.db")!.Open();
        Assert.Equal(item.GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(entry)));
        var report = CliRunner.Run("report", "--from", bundle, "--format", "json");
        using var json = JsonDocument.Parse(report.Out);
        // 30 minutes back from now: the sample taken exactly 30 minutes before the history was written is on the edge.
        Assert.InRange(json.RootElement.GetProperty("samples").GetInt32(), 30, 31);
    }

    [Fact]
    public void No_history_leaves_it_out_a_missing_default_is_a_skipped_item_and_a_missing_db_is_one_line()
    {
        WriteLeak();
        var without = Collect("n.zip", "--no-history");
        using (var zip = ZipFile.OpenRead(without))
        {
            Assert.Null(zip.GetEntry("history.db"));
        }

        var noDefault = CliRunner.Run(e => e with { Host = Host }, "collect", "--out", Path.Combine(_dir.FullName, "d.zip"));
        var missing = Path.Combine(_dir.FullName, "nope.db");
        var given = CliRunner.Run(e => e with { Host = Host }, "collect", "--out", Path.Combine(_dir.FullName, "g.zip"), "--db", missing);

        Assert.Equal(0, noDefault.Code);
        Assert.Contains($"history.db skipped: no history at {CliRunner.NoHistory}", noDefault.Error, StringComparison.Ordinal);
        Assert.Equal((int)ExitCode.BadInput, given.Code);
        Assert.Equal($"portdoctor: {missing}: no history file here (a monitor creates it on its first sample)", given.Error.Trim());
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "g.zip")));
        Assert.Empty(Directory.EnumerateFiles(_dir.FullName, ".portdoctor-*"));
    }

    private FakeHost Host => new()
    {
        StateDirectory = Path.Combine(_dir.FullName, "state"),
        Collector = new FixedCollector(Live()),
        Probes = _ => [],
        Items =
        [
            new EvidenceItem("sysctl-ports.txt") { Produce = () => "net.ipv4.ip_local_port_range = 40000\t40999\n" },
            new EvidenceItem("ss-tanpi.txt") { Produce = SsText },
        ],
    };

    /// <summary>What `ss -tanp` prints for <see cref="Live"/>: what `diagnose --from` the bundle reads as the snapshot.</summary>
    private static string SsText() =>
        "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n" +
        string.Concat(Enumerable.Range(0, 400).Select(i => $"ESTAB 0 0 10.0.0.5:{40000 + i} 10.1.1.1:6379 users:((\"worker\",pid={Leaker},fd={i + 3}))\n")) +
        "TIME-WAIT 0 0 10.0.0.5:40999 10.9.9.9:443\n";

    private string Collect(string name, params string[] args)
    {
        var bundle = Path.Combine(_dir.FullName, name);
        var (code, _, error) = CliRunner.Run(e => e with { Host = Host, DefaultHistory = Db }, ["collect", "--out", bundle, .. args]);
        Assert.True(code == 0, error);
        return bundle;
    }

    /// <summary>100 + 5 ports a minute for an hour (pid 4321) in 1,000; one 4-tuple to 10.9.9.9:443 seen ESTABLISHED two minutes ago.</summary>
    private void WriteLeak()
    {
        using var store = HistoryStore.Open(Db);
        for (var m = -60; m <= 0; m++)
        {
            var ports = 100 + (5 * (m + 60));
            store.Append(new HostSample(_now.AddMinutes(m), "bundle-history-test")
            {
                Pools = [new PoolSample(TransportProtocol.Tcp, null, 1000, ports) { ByState = new Dictionary<SocketState, int> { [SocketState.Established] = ports } }],
                Processes = [new ProcessSample(Leaker, null, "worker", ports)],
                Connections = m == -2 ? [new ConnectionOwner(new Endpoint("10.0.0.5", 40999), new Endpoint("10.9.9.9", 443), Leaker, null)] : [],
            });
        }
    }

    /// <summary>The machine at collect time: 400 connections of pid 4321 held, and a TIME_WAIT to 10.9.9.9:443 nobody live talks to.</summary>
    private static Snapshot Live() => new()
    {
        Time = DateTimeOffset.UtcNow,
        Host = "fixture",
        Os = OsKind.Linux,
        Sockets =
        [
            .. Enumerable.Range(0, 400).Select(i => new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established, new Endpoint("10.0.0.5", 40000 + i), new Endpoint("10.1.1.1", 6379)) { Pid = Leaker, ProcessName = "worker" }),
            new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.TimeWait, new Endpoint("10.0.0.5", 40999), new Endpoint("10.9.9.9", 443)),
        ],
        Processes = new Dictionary<int, ProcessInfo> { [Leaker] = new(Leaker, "worker") { HandleCount = 412, SocketCount = 400 } },
        Ports = new PortConfiguration { Dynamic = [new DynamicPortRange(TransportProtocol.Tcp, IpFamily.IPv4, new PortRange(40000, 1000))] },
    };
}
