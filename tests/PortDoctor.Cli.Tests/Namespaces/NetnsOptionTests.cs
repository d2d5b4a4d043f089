using System.Globalization;
using System.Text.Json;
using PortDoctor.Cli.Tests.Ranges;
using Xunit;

namespace PortDoctor.Cli.Tests.Namespaces;

/// <summary>
/// `--netns` and `--pid` for real: the built binary, run in the host's namespace, reads and changes
/// a namespace made for the test (the host's own range is only read, to check it stayed).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NetnsOptionTests : RangeNamespaceTest
{
    /// <summary>Listens on 127.0.0.1:PORT, prints its pid, holds on until killed.</summary>
    private const string Listener = """
        import os, socket, sys, time
        s = socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen()
        print(os.getpid(), flush=True)
        time.sleep(300)
        """;

    [Fact]
    public void Range_show_reads_the_namespace_given_by_name_or_by_a_process_in_it()
    {
        using var ns = CreateOrSkip();
        ns.WriteSysctl(Key, "40100 40999");
        var listener = HostPortDoctor.StartPython(ns, Listener, "9123");
        try
        {
            var byName = HostPortDoctor.Run("range", "show", "--netns", ns.Name, "--format", "json");
            var byPid = HostPortDoctor.Run("range", "show", "--pid", listener.Id.ToString(CultureInfo.InvariantCulture), "--format", "json");

            Assert.True(byName.Code == 0, byName.Error);
            Assert.True(byPid.Code == 0, byPid.Error);
            var inode = HostPortDoctor.Inode("/run/netns/" + ns.Name);
            foreach (var json in new[] { byName.Out, byPid.Out })
            {
                using var doc = JsonDocument.Parse(json);
                Assert.Equal(40100, doc.RootElement.GetProperty("ranges")[0].GetProperty("start").GetInt32());
                Assert.Equal(inode, doc.RootElement.GetProperty("namespace").GetProperty("inode").GetUInt64().ToString(CultureInfo.InvariantCulture));
            }

            using var named = JsonDocument.Parse(byName.Out);
            Assert.Equal(ns.Name, named.RootElement.GetProperty("namespace").GetProperty("name").GetString());
            Assert.NotEqual("40100\t40999", File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Trim());
        }
        finally
        {
            HostPortDoctor.Stop(listener);
        }
    }

    [Fact]
    public void Connections_and_diagnose_see_the_namespace_sockets_with_owners_found_host_wide()
    {
        using var ns = CreateOrSkip();
        var listener = HostPortDoctor.StartPython(ns, Listener, "9124");
        try
        {
            var pid = listener.Id.ToString(CultureInfo.InvariantCulture);
            var inside = HostPortDoctor.Run("connections", "--netns", ns.Name, "--state", "LISTEN", "--format", "csv");
            var host = HostPortDoctor.Run("connections", "--pid", pid, "--format", "csv");
            var diagnose = HostPortDoctor.Run("diagnose", "--netns", ns.Name, "--format", "json");

            Assert.True(inside.Code == 0, inside.Error);
            var row = Assert.Single(inside.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
            Assert.Contains("127.0.0.1,9124", row, StringComparison.Ordinal);
            Assert.Contains("," + pid + ",", row, StringComparison.Ordinal);
            Assert.DoesNotContain("9124", host.Out, StringComparison.Ordinal);
            Assert.True(diagnose.Code == 0, diagnose.Out + diagnose.Error);
            using var doc = JsonDocument.Parse(diagnose.Out);
            Assert.Equal("healthy", doc.RootElement.GetProperty("verdict").GetString());
            Assert.Equal(ns.Name, doc.RootElement.GetProperty("namespace").GetProperty("name").GetString());
        }
        finally
        {
            HostPortDoctor.Stop(listener);
        }
    }

    [Fact]
    public void Range_set_changes_only_that_namespace_and_rollback_with_the_same_netns_restores_it()
    {
        using var ns = CreateOrSkip();
        var host = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
        var before = ns.ReadSysctl(Key);

        var set = HostPortDoctor.Run("range", "set", "--netns", ns.Name, "--start", "41000", "--count", "500", "--allow-shrink", "--yes", "--state-dir", StateDir);

        Assert.True(set.Code == 0, set.Error);
        Assert.Contains("Network namespace: " + ns.Name, set.Out, StringComparison.Ordinal);
        Assert.Equal("41000\t41499", ns.ReadSysctl(Key));
        Assert.Equal(host, File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range"));

        var elsewhere = HostPortDoctor.Run("range", "rollback", "--yes", "--state-dir", StateDir);
        Assert.Equal(65, elsewhere.Code);
        Assert.Equal("41000\t41499", ns.ReadSysctl(Key));

        var rollback = HostPortDoctor.Run("range", "rollback", "--netns", ns.Name, "--yes", "--state-dir", StateDir);
        Assert.True(rollback.Code == 0, rollback.Error);
        Assert.Equal(before, ns.ReadSysctl(Key));
        Assert.Equal(host, File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range"));
    }

    [Theory]
    [InlineData("pd-no-such-namespace-x", 69, "does not exist")]
    [InlineData("/etc/hostname", 65, "is not a namespace file (nsfs)")]
    [InlineData("/proc/self/ns/uts", 65, "is a uts namespace, not a network namespace")]
    public void A_bad_namespace_is_one_line_and_its_exit_code(string netns, int code, string message)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("network namespaces are Linux");
        }

        var run = HostPortDoctor.Run("diagnose", "--netns", netns);

        Assert.Equal(code, run.Code);
        Assert.Contains(message, OneLine(run.Error), StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }
}
