using System.Text.Json;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>`connections --format json` against real sockets of this process and of a child.</summary>
public class ConnectionsLiveTests
{
    private static readonly int Self = Environment.ProcessId;

    [Fact]
    public void In_process_json_reports_real_sockets_with_states_endpoints_and_pids()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        using var live = new LiveSockets();
        var (code, output, error) = CliRunner.Run("connections", "--format", "json");
        Assert.True(code == 0, error);
        AssertReports(live, output);
    }

    [Fact]
    public async Task The_built_binary_reports_the_same()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        var binary = BuiltCli.Path;
        Assert.True(File.Exists(binary), $"{binary} was not built");
        using var live = new LiveSockets();
        var (code, output, error) = await ProcessRunner.RunAsync(binary, "connections", "--format", "json");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        AssertReports(live, output);
    }

    [Fact]
    public async Task Without_privilege_sockets_are_listed_unattributed_with_one_line_and_exit_77()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root to drop to another user");
        Assert.SkipUnless(File.Exists("/usr/bin/setpriv"), "needs setpriv (util-linux) to run as nobody");
        using var live = new LiveSockets();
        var binary = BuiltCli.Path;
        var (code, output, error) = await ProcessRunner.RunAsync("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary, "connections", "--protocol", "tcp", "--format", "json");

        Assert.Equal((int)Core.ExitCode.NoPermission, code);
        var problem = Assert.Single(error.Split('\n'), l => l.StartsWith("portdoctor: ", StringComparison.Ordinal) && !l.StartsWith("portdoctor: note:", StringComparison.Ordinal));
        Assert.Contains("no permission to read /proc/[pid]/fd", problem, StringComparison.Ordinal);
        Assert.Contains("as uid 65534", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        var listener = Assert.Single(
            JsonDocument.Parse(output).RootElement.GetProperty("sockets").EnumerateArray(),
            s => s.GetProperty("localPort").GetInt32() == LiveSockets.Port(live.Listener) && s.GetProperty("state").GetString() == "LISTEN");
        Assert.Equal(JsonValueKind.Null, listener.GetProperty("pid").ValueKind);
    }

    [Fact]
    public void Filters_and_group_by_work_on_live_sockets()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        using var live = new LiveSockets();
        var listen = LiveSockets.Port(live.Listener);
        var (code, output, _) = CliRunner.Run("connections", "--local", $"127.0.0.1:{listen}", "--group-by", "state", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("state,count", lines[0]);
        // Server sides of: Client, ChildServer (ESTABLISHED x2), HalfClosedServer (CLOSE_WAIT), plus the LISTEN socket.
        Assert.Equal("ESTABLISHED,2", lines[1]);
        Assert.Contains("CLOSE_WAIT,1", lines);
        Assert.Contains("LISTEN,1", lines);

        var (_, byPid, _) = CliRunner.Run("connections", "--pid", live.Child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");
        var sockets = JsonDocument.Parse(byPid).RootElement.GetProperty("sockets");
        Assert.Equal(1, sockets.GetArrayLength());
        Assert.Equal("bash", sockets[0].GetProperty("process").GetString());
    }

    private static void AssertReports(LiveSockets live, string json)
    {
        var sockets = JsonDocument.Parse(json).RootElement.GetProperty("sockets").EnumerateArray().ToList();
        var listen = LiveSockets.Port(live.Listener);

        JsonElement Find(string protocol, int localPort, int remotePort) => Assert.Single(sockets, s =>
            s.GetProperty("protocol").GetString() == protocol
            && s.GetProperty("localPort").GetInt32() == localPort
            && s.GetProperty("remotePort").GetInt32() == remotePort);

        void Expect(JsonElement socket, string state, int? pid, string family = "ipv4", string address = "127.0.0.1")
        {
            Assert.Equal(state, socket.GetProperty("state").GetString());
            Assert.Equal(family, socket.GetProperty("family").GetString());
            Assert.Equal(address, socket.GetProperty("localAddress").GetString());
            if (pid is null)
            {
                Assert.Equal(JsonValueKind.Null, socket.GetProperty("pid").ValueKind);
            }
            else
            {
                Assert.Equal(pid, socket.GetProperty("pid").GetInt32());
            }
        }

        Expect(Find("tcp", listen, 0), "LISTEN", Self);
        Expect(Find("tcp", LiveSockets.Port(live.Client), listen), "ESTABLISHED", Self);
        Expect(Find("tcp", listen, LiveSockets.Port(live.Client)), "ESTABLISHED", Self);
        Expect(Find("tcp", LiveSockets.Port(live.HalfClosedClient), listen), "FIN_WAIT_2", Self);
        Expect(Find("tcp", listen, LiveSockets.Port(live.HalfClosedClient)), "CLOSE_WAIT", Self);
        Expect(Find("tcp", LiveSockets.Port(live.Bound), 0), "BOUND", Self);
        Expect(Find("tcp", live.TimeWaitLocal.Port, listen), "TIME_WAIT", null);
        Expect(Find("tcp", LiveSockets.Port(live.Client6), LiveSockets.Port(live.Listener6)), "ESTABLISHED", Self, "ipv6", "::1");
        Expect(Find("udp", LiveSockets.Port(live.Udp), 0), "UNCONN", Self);
        var child = Find("tcp", LiveSockets.RemotePort(live.ChildServer), listen);
        Expect(child, "ESTABLISHED", live.Child.Id);
        Assert.Equal("bash", child.GetProperty("process").GetString());
        Assert.Equal("127.0.0.1", child.GetProperty("remoteAddress").GetString());
    }
}
