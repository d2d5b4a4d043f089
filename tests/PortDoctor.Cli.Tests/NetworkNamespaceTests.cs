using System.Text.Json;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>The built binary inside a network namespace sees that namespace's sockets and sysctls only.</summary>
public class NetworkNamespaceTests
{
    [Fact]
    public async Task Connections_and_range_show_read_the_callers_network_namespace()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root for ip netns");
        Assert.SkipUnless(File.Exists("/usr/sbin/ip") || File.Exists("/sbin/ip") || File.Exists("/usr/bin/ip"), "needs iproute2");
        var binary = BuiltCli.Path;
        var ns = $"pdf-cli-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        await ProcessRunner.RunAsync("ip", "netns", "add", ns);
        try
        {
            await ProcessRunner.RunAsync("ip", "-n", ns, "link", "set", "lo", "up");
            // /proc/sys/net is per namespace; written directly, as procps (sysctl) may be missing on CI.
            await ProcessRunner.RunAsync("ip", "netns", "exec", ns, "bash", "-c", "echo '20000 20999' > /proc/sys/net/ipv4/ip_local_port_range");
            // A socket inside the namespace: bash cannot listen, but it can connect a UDP socket.
            var (code, output, error) = await ProcessRunner.RunAsync("ip", "netns", "exec", ns, "bash", "-c",
                $"exec 3<>/dev/udp/127.0.0.1/20500; {binary} connections --format json");
            Assert.True(code == 0, error);
            var sockets = JsonDocument.Parse(output).RootElement.GetProperty("sockets").EnumerateArray().ToList();
            var udp = Assert.Single(sockets); // nothing from the host's namespace
            Assert.Equal("udp", udp.GetProperty("protocol").GetString());
            Assert.Equal("ESTABLISHED", udp.GetProperty("state").GetString()); // connected UDP
            Assert.Equal(20500, udp.GetProperty("remotePort").GetInt32());
            Assert.InRange(udp.GetProperty("localPort").GetInt32(), 20000, 20999); // from the namespace's range
            Assert.Equal(JsonValueKind.Number, udp.GetProperty("pid").ValueKind); // bash's fd, inherited by the exec'd binary

            (code, output, error) = await ProcessRunner.RunAsync("ip", "netns", "exec", ns, binary, "range", "show", "--format", "json");
            Assert.True(code == 0, error);
            var range = JsonDocument.Parse(output).RootElement.GetProperty("ranges")[0];
            Assert.Equal(20000, range.GetProperty("start").GetInt32());
            Assert.Equal(1000, range.GetProperty("count").GetInt32());
        }
        finally
        {
            await ProcessRunner.RunAsync("ip", "netns", "del", ns);
        }
    }
}
