using System.Diagnostics;
using System.Text.Json;
using PortDoctor.Cli.Tests.Ranges;
using Xunit;

namespace PortDoctor.Cli.Tests.Forecast;

/// <summary>
/// For real in a namespace: the monitor sees a workload's connections ESTABLISHED, the workload
/// closes them (its side goes to TIME_WAIT, no live socket left toward that endpoint), and live
/// `diagnose --db` gives those TIME_WAIT to the workload's PID from history; without --db it cannot.
/// </summary>
public sealed class TimeWaitFromHistoryLabTests : IDisposable
{
    private const string Workload = """
        import os, socket, sys
        server = socket.socket(); server.bind(('127.0.0.1', 5000)); server.listen(100)
        clients = [socket.create_connection(('127.0.0.1', 5000)) for _ in range(40)]
        accepted = [server.accept()[0] for _ in clients]
        print(os.getpid(), flush=True)
        sys.stdin.readline()
        for c in clients: c.close()
        for a in accepted: a.close()
        print('closed', flush=True)
        sys.stdin.readline()
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pd-tw-history-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Time_wait_of_connections_the_monitor_saw_established_belong_to_their_process_from_history()
    {
        if (!NetworkNamespace.CanCreate)
        {
            Assert.Skip("needs root and iproute2 (a network namespace)");
        }

        using var ns = NetworkNamespace.Create();
        ns.Exec("ip", "link", "set", "lo", "up");
        ns.WriteSysctl("net.ipv4.ip_local_port_range", "41000 41999");
        var db = Path.Combine(_dir.FullName, "history.db");
        var start = new ProcessStartInfo("ip", ["netns", "exec", ns.Name, "python3", "-c", Workload]) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var workload = Process.Start(start)!;
        var pid = int.Parse(workload.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);

        var monitor = ns.PortDoctor("monitor", "--interval", "1s", "--db", db, "--duration", "3s", "--quiet");
        workload.StandardInput.WriteLine();
        Assert.Equal("closed", workload.StandardOutput.ReadLine());
        var with = ns.PortDoctor("diagnose", "--no-probe", "--db", db, "--format", "json");
        var without = ns.PortDoctor("diagnose", "--no-probe", "--db", Path.Combine(_dir.FullName, "empty.db"), "--format", "json");
        workload.StandardInput.WriteLine();
        workload.WaitForExit();

        Assert.True(monitor.Code == 0, monitor.Error);
        Assert.True(with.Code is 0 or 1, with.Error);
        var owner = Owners(with.Out).Single(t => t.GetProperty("remote").GetString() == "127.0.0.1:5000");
        Assert.Equal(pid, owner.GetProperty("pid").GetInt32());
        Assert.Equal(40, owner.GetProperty("count").GetInt32());
        Assert.Equal("high", owner.GetProperty("confidence").GetString());
        Assert.StartsWith("from history:", owner.GetProperty("basis").GetString(), StringComparison.Ordinal);
        Assert.Equal((int)Core.ExitCode.BadInput, without.Code);
        var live = ns.PortDoctor("diagnose", "--no-probe", "--format", "json");
        Assert.DoesNotContain(Owners(live.Out), t => t.GetProperty("pid").ValueKind == JsonValueKind.Number && t.GetProperty("pid").GetInt32() == pid);
    }

    private static List<JsonElement> Owners(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("timeWait").EnumerateArray().Select(t => t.Clone())];
}
