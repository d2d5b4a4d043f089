using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PortDoctor.Cli.Tests.Ranges;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Monitor;

/// <summary>The built monitor sampling a namespace where a python workload leaks connections at a known rate.</summary>
[Collection(SlowFirst.Prefix + "monitor in a namespace")]
public sealed class MonitorNamespaceTests : IDisposable
{
    /// <summary>Listens on 127.0.0.1:9000 and opens one held connection to it every 1/rate s, up to limit; prints its pid.</summary>
    private const string Workload = """
        import os, socket, sys, time
        rate, limit = float(sys.argv[1]), int(sys.argv[2])
        srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(('127.0.0.1', 9000)); srv.listen(4096)
        held = []
        print(os.getpid(), flush=True)
        while True:
            if len(held) < 2 * limit:
                c = socket.socket()
                try:
                    c.connect(('127.0.0.1', 9000)); held.append(c); held.append(srv.accept()[0])
                except OSError:
                    c.close()
            time.sleep(1 / rate)
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pd-monitor-ns-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<Process> _workloads = [];

    private string Db => Path.Combine(_folder, "history.db");

    public void Dispose()
    {
        foreach (var workload in _workloads)
        {
            workload.Kill(entireProcessTree: true);
            workload.WaitForExit();
            workload.Dispose();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void History_shows_the_leaking_process_growing_at_its_rate()
    {
        using var ns = Namespace("40000 40999");
        var pid = StartWorkload(ns, rate: 3, limit: 500);

        // Samples until they span 5 s (however slow a sample is on a loaded machine), then SIGTERM.
        int sampled;
        using (var monitor = new StreamedMonitor("ip", "netns", "exec", ns.Name, BuiltCli.Path, "monitor", "--interval", "1s", "--duration", "300s", "--db", Db, "--format", "json"))
        {
            Assert.True(
                monitor.ReadUntil(l => l.Count >= 4 && Time(l[^1]) - Time(l[0]) >= TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(120)),
                $"samples did not span 5 s within 120 s: {monitor.Lines.Count} samples");
            var (stopped, stderr) = monitor.Stop();
            Assert.True(stopped == 0, stderr);
            sampled = monitor.Lines.Count;
            Assert.InRange(sampled, 4, (int)monitor.Ran.TotalSeconds + 1); // at most one a second
        }

        var (code, output, error) = ns.PortDoctor("history", "--db", Db, "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(sampled, json.RootElement.GetProperty("samples").GetInt32());
        var series = items.Select(i => (
            Time: i.GetProperty("time").GetDateTimeOffset(),
            Ports: i.GetProperty("processes").EnumerateArray().Where(p => p.GetProperty("pid").GetInt32() == pid).Select(p => p.GetProperty("ports").GetInt32()).SingleOrDefault()))
            .ToList();
        Assert.True(series.Zip(series.Skip(1)).All(p => p.Second.Ports >= p.First.Ports), string.Join(", ", series));
        var perSecond = (series[^1].Ports - series[0].Ports) / (series[^1].Time - series[0].Time).TotalSeconds;
        Assert.InRange(perSecond, 1.5, 4.5);
        Assert.Equal(series[^1].Ports, items[^1].GetProperty("portsInUse").GetInt32());
    }

    [Fact]
    public void The_monitor_keeps_sampling_while_the_namespace_is_out_of_ports()
    {
        using var ns = Namespace("40000 40009");
        var pid = StartWorkload(ns, rate: 200, limit: 50);
        Thread.Sleep(1000);

        // Three samples however slow each is on a loaded machine, then SIGTERM; at most one a second.
        using var monitor = new StreamedMonitor("ip", "netns", "exec", ns.Name, BuiltCli.Path, "monitor", "--interval", "1s", "--duration", "300s", "--db", Db, "--format", "json");
        Assert.True(monitor.ReadUntil(l => l.Count >= 3, TimeSpan.FromSeconds(120)), $"{monitor.Lines.Count} samples within 120 s");
        var (code, error) = monitor.Stop();

        Assert.True(code == 0, error);
        Assert.DoesNotContain("failed", error, StringComparison.Ordinal);
        var lines = monitor.Lines;
        Assert.InRange(lines.Count, 3, (int)monitor.Ran.TotalSeconds + 1);
        Assert.All(lines, l =>
        {
            Assert.Equal(100.0, l.GetProperty("utilizationPercent").GetDouble());
            Assert.Equal("address-unavailable", l.GetProperty("probe").GetString());
            Assert.Equal(pid, l.GetProperty("processes")[0].GetProperty("pid").GetInt32());
        });
    }

    [Fact]
    public void The_live_view_under_tmux_shows_the_gauge_and_the_leaking_process_and_q_quits()
    {
        if (!File.Exists("/usr/bin/tmux"))
        {
            Assert.Skip("needs tmux (apt-get install tmux)");
        }

        using var ns = Namespace("40000 40999");
        var pid = StartWorkload(ns, rate: 5, limit: 500);
        var session = "pdlive-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(_folder);
        var exit = Path.Combine(_folder, "exit");
        var command = $"ip netns exec {ns.Name} {BuiltCli.Path} monitor --interval 1s --db {Db}; echo $? > {exit}";
        Tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "45", command);
        try
        {
            var screen = WaitFor(() => Tmux("capture-pane", "-p", "-t", session).Out, text => text.Contains($" {pid} ", StringComparison.Ordinal) && text.Contains("ports/hour", StringComparison.Ordinal));
            Assert.True(Regex.IsMatch(screen, @"tcp\s+█*░+\s+\d+\.\d%\s+\d+/1,000 ports"), screen);
            Assert.True(Regex.IsMatch(screen, $@"python\S*\s+{pid}\s+\d+\s+\d+\s+[↑→]"), screen);
            Assert.True(Regex.IsMatch(screen, @"-> 127\.0\.0\.1:9000\s+\d+\s+\d+\s+[↑→]"), screen);

            Tmux("send-keys", "-t", session, "q");
            Assert.Equal("0", WaitFor(() => File.Exists(exit) ? File.ReadAllText(exit).Trim() : "", text => text.Length > 0));
        }
        finally
        {
            Tmux("kill-session", "-t", session);
        }
    }

    private static (int Code, string Out, string Error) Tmux(params string[] args) =>
        ChildProgram.Run("tmux", args, TimeSpan.FromSeconds(10));

    /// <summary>Polls <paramref name="read"/> for up to 90 s until <paramref name="done"/>; returns the last value (the assertion shows it).</summary>
    private static string WaitFor(Func<string> read, Func<string, bool> done)
    {
        var value = read();
        for (var i = 0; i < 450 && !done(value); i++)
        {
            Thread.Sleep(200);
            value = read();
        }

        return value;
    }

    private static DateTimeOffset Time(JsonElement sample) => sample.GetProperty("time").GetDateTimeOffset();

    private static NetworkNamespace Namespace(string range)
    {
        if (!NetworkNamespace.CanCreate)
        {
            Assert.Skip("needs root and iproute2 on Linux to create a network namespace");
        }

        var ns = NetworkNamespace.Create();
        ns.Exec("ip", "link", "set", "lo", "up");
        ns.WriteSysctl("net.ipv4.ip_local_port_range", range);
        return ns;
    }

    private int StartWorkload(NetworkNamespace ns, int rate, int limit)
    {
        var workload = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", ns.Name, "python3", "-c", Workload, rate.ToString(CultureInfo.InvariantCulture), limit.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _workloads.Add(workload);
        return int.Parse(workload.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
    }
}
