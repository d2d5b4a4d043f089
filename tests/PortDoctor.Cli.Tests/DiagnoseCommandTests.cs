using System.Text.Json;
using PortDoctor.Core.Model;
using PortDoctor.Platform;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>diagnose over known snapshots: exit code = verdict, JSON schema, CSV rows, report order.</summary>
public class DiagnoseCommandTests
{
    private static Snapshot Leaky(int sockets)
    {
        var list = new List<SocketEntry>();
        for (var i = 0; i < sockets; i++)
        {
            list.Add(new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.CloseWait, new Endpoint("10.0.0.5", 40000 + i), new Endpoint("10.1.1.1", 6379))
            {
                Pid = 4321,
                ProcessName = "worker",
            });
        }

        return new Snapshot
        {
            Time = new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero),
            Host = "fixture",
            Os = OsKind.Linux,
            Sockets = list,
            Processes = new Dictionary<int, ProcessInfo> { [4321] = new(4321, "worker") { HandleCount = sockets + 12, SocketCount = sockets } },
            Ports = new PortConfiguration
            {
                Dynamic = [new DynamicPortRange(TransportProtocol.Tcp, IpFamily.IPv4, new PortRange(40000, 1000))],
            },
        };
    }

    /// <summary>A kernel that overflowed its TIME_WAIT table 12 times and logged it once.</summary>
    private static readonly KernelEvidence Kernel = new(
        [new PortEvent(new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero), "kernel", 0, "TCP: time wait bucket table overflow")],
        new Dictionary<string, long> { ["TcpExt.TCPTimeWaitOverflow"] = 12, ["TcpExt.TW"] = 4000, ["TcpExt.SyncookiesSent"] = 3 },
        null);

    private static (int Code, string Out, string Error) Diagnose(Snapshot snapshot, params string[] args)
    {
        var collector = new FixedCollector(snapshot);
        return CliRunner.Run(env => env with { Host = new FakeHost { Collector = collector, Kernel = Kernel } }, ["diagnose", .. args]);
    }

    [Fact]
    public void The_report_and_the_json_of_a_small_host_match_their_golden_files()
    {
        var report = Diagnose(FixedCollector.Sample(), "--no-probe");
        var json = Diagnose(FixedCollector.Sample(), "--no-probe", "--format", "json");

        Golden.AssertMatches("diagnose.txt", report.Out);
        Golden.AssertMatches("diagnose.json", json.Out);
        Assert.Equal(report.Code, json.Code);
        Assert.Contains("portdoctor: note: 2 sockets have an inode held by no process", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_carries_verdict_and_culprits_and_the_exit_code_is_the_verdict()
    {
        var (code, output, _) = Diagnose(Leaky(1000), "--no-probe", "--format", "json");

        Assert.Equal(2, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("exhausted", root.GetProperty("verdict").GetString());
        var culprit = root.GetProperty("culprits")[0];
        Assert.Equal(4321, culprit.GetProperty("pid").GetInt32());
        Assert.Equal("worker", culprit.GetProperty("process").GetString());
        Assert.Equal("close-wait", culprit.GetProperty("pattern").GetString());
        Assert.Equal(1000, culprit.GetProperty("counts").GetProperty("closeWait").GetInt32());
        Assert.Equal("10.1.1.1:6379", culprit.GetProperty("topDestination").GetString());
        Assert.Equal(0, root.GetProperty("probes").GetArrayLength());
        var widen = root.GetProperty("remediation").EnumerateArray().Single(r => r.GetProperty("command").ValueKind == JsonValueKind.String);
        Assert.Equal("relief", widen.GetProperty("kind").GetString());
    }

    [Fact]
    public void At_risk_exits_1_and_csv_has_one_row_per_culprit()
    {
        var (code, output, _) = Diagnose(Leaky(800), "--no-probe", "--format", "csv");

        Assert.Equal(1, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("pid,process,pattern,ports,sharePercent,bound,established,closeWait,timeWait,synSent,handleCount,topDestination,closing,udpBound,growthPerHour", lines[0].TrimEnd('\r'));
        Assert.Equal("4321,worker,close-wait,800,80,0,0,800,0,0,812,10.1.1.1:6379,0,0,", lines[1].TrimEnd('\r'));
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void The_report_starts_with_the_verdict_and_the_probe_runs_on_loopback()
    {
        var (code, output, _) = Diagnose(Leaky(10));

        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.StartsWith("Verdict: HEALTHY (exit code 0)", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("probe bind 127.0.0.1:0: succeeded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("probe connect to a loopback listener: succeeded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("probe bind udp 127.0.0.1:0: succeeded", StringComparison.Ordinal));
        Assert.DoesNotContain("Remediation", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_target_is_a_usage_error()
    {
        var (code, output, error) = Diagnose(Leaky(10), "--target", "nohost");

        Assert.Equal(64, code);
        Assert.Equal("", output);
        Assert.Equal("portdoctor: --target 'nohost': expected host:port with a port from 1 to 65535", error.Trim());
    }

    [Fact]
    public void Owners_unreadable_without_root_exit_77_and_say_so_instead_of_culprit_none()
    {
        var leaky = Leaky(700);
        var hidden = leaky with
        {
            Sockets = [.. leaky.Sockets.Select(s => s with { Pid = null, ProcessName = null })],
            Processes = new Dictionary<int, ProcessInfo>(),
            PermissionProblem = "700 sockets have no owner",
            UnreadableOwners = 700,
        };

        var (code, output, _) = Diagnose(hidden, "--no-probe");
        var json = Diagnose(hidden, "--no-probe", "--format", "json");

        Assert.Equal(77, code);
        Assert.Contains("Culprit: unknown: the owners of 700 sockets could not be read; run as root", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Culprit: none", output, StringComparison.Ordinal);
        Assert.Equal(77, json.Code);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(77, document.RootElement.GetProperty("exitCode").GetInt32());
        var finding = document.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "owners-unreadable");
        Assert.Equal("reason", finding.GetProperty("role").GetString());
        Assert.Equal(700, finding.GetProperty("numbers").GetProperty("sockets").GetInt32());
    }

    [Fact]
    public void Json_findings_carry_kinds_and_numbers()
    {
        var (_, output, _) = Diagnose(Leaky(800), "--no-probe", "--format", "json");

        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var pool = findings.Single(f => f.GetProperty("kind").GetString() == "pool-usage");
        Assert.Equal((800, 1000), (pool.GetProperty("numbers").GetProperty("ports").GetInt32(), pool.GetProperty("numbers").GetProperty("capacity").GetInt32()));
        var share = findings.Single(f => f.GetProperty("kind").GetString() == "culprit-share");
        Assert.Equal(4321, share.GetProperty("numbers").GetProperty("pid").GetInt32());
        Assert.Equal("close-wait", share.GetProperty("labels").GetProperty("pattern").GetString());
        Assert.Equal(json.RootElement.GetProperty("reasons").GetArrayLength(), findings.Count(f => f.GetProperty("role").GetString() == "reason"));
    }

    [Fact]
    public void An_unnamed_process_is_not_printed_as_a_question_mark_and_one_socket_is_singular()
    {
        var leaky = Leaky(600);
        var unnamed = leaky with
        {
            Sockets = [.. leaky.Sockets.Select(s => s with { ProcessName = null }), new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established, new Endpoint("10.0.0.5", 40999), new Endpoint("10.2.2.2", 80)) { Pid = 9 }],
            Processes = new Dictionary<int, ProcessInfo>(),
        };

        var (_, output, _) = Diagnose(unnamed, "--no-probe");

        Assert.Contains("Culprit: PID 4321 (name unknown), pattern close-wait, 600 ports", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" ? ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("TIME_WAIT*", output, StringComparison.Ordinal);
        Assert.DoesNotContain("1 ports", output, StringComparison.Ordinal);
    }
}
