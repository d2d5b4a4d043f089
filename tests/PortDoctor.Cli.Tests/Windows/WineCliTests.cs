using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Windows;

/// <summary>
/// The portdoctor CLI published for win-x64 by scripts/test.sh into $PORTDOCTOR_TEST_WINE/cli
/// (self-contained, not NativeAOT: that does not cross-compile) and run under Wine 8, so its
/// Windows code paths run for real: `range show` from netsh and the registry, `range set` with Windows' rules, `connections` from iphlpapi.
/// Wine's netsh prints nothing, so the default range is assumed and `range set` refuses
/// (it could not roll back); Wine's socket table mirrors the host's /proc/net, so a listener
/// this test opens on Linux shows up; PIDs are 0 ("-").
/// </summary>
[Takes(37)]
public class WineCliTests
{
    [Fact]
    public void The_windows_build_of_the_cli_runs_range_and_connections_under_wine()
    {
        var (wine, exe) = Wine.RequireOrSkip("cli", "portdoctor.exe");

        using (var prefix = Wine.NewPrefix(wine))
        {
            // range show: netsh gives nothing under Wine, the registry values are absent.
            var (code, output, error) = prefix.Run(exe, "range", "show", "--format", "json");
            Assert.True(code == 0, error);
            using (var json = JsonDocument.Parse(output))
            {
                var root = json.RootElement;
                Assert.Equal("netsh and registry", root.GetProperty("source").GetString());
                Assert.True(root.GetProperty("assumedDefault").GetBoolean());
                var ranges = root.GetProperty("ranges").EnumerateArray().Select(r =>
                    $"{r.GetProperty("protocol").GetString()} {r.GetProperty("family").GetString()} {r.GetProperty("start").GetInt32()} {r.GetProperty("count").GetInt32()}").Order().ToList();
                Assert.Equal(["tcp ipv4 49152 16384", "tcp ipv6 49152 16384", "udp ipv4 49152 16384", "udp ipv6 49152 16384"], ranges);
                Assert.Equal("not set", root.GetProperty("settings").GetProperty("MaxUserPort").GetString());
                Assert.Equal("not set", root.GetProperty("settings").GetProperty("TcpTimedWaitDelay").GetString());
            }

            // range set: Windows' rules (no Linux parity rule), then a refusal since netsh gave no current range.
            (code, _, error) = prefix.Run(exe, "range", "set", "--start", "10000", "--count", "1001", "--yes");
            Assert.Equal(69, code);
            Assert.Equal(
                "portdoctor: netsh did not report the current ranges, so a rollback could not restore them: nothing changed",
                error.Trim());
            (code, _, error) = prefix.Run(exe, "range", "set", "--start", "1000", "--count", "1000");
            Assert.Equal(64, code);
            Assert.Contains("start 1000 is below 1025", error, StringComparison.Ordinal);
            Assert.DoesNotContain("ip_unprivileged_port_start", error, StringComparison.Ordinal);

            // connections: a listener opened here on Linux, seen through Wine's iphlpapi.
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            (code, output, error) = prefix.Run(exe, "connections", "--format", "csv");
            Assert.True(code == 0, error);
            Assert.Contains(output.Split('\n'), l => l.StartsWith($"tcp,ipv4,LISTEN,127.0.0.1,{port},", StringComparison.Ordinal));
        }
    }
}
