using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;
using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class LinuxPortConfigurationReaderTests
{
    [Fact]
    public void Reads_a_sysctl_tree()
    {
        var root = Directory.CreateTempSubdirectory("pd-sysctl-");
        try
        {
            Write(root.FullName, LinuxSettings.PortRangeKey, "20000\t20999\n");
            Write(root.FullName, LinuxSettings.ReservedPortsKey, "20100-20109\n");
            Write(root.FullName, LinuxSettings.TcpTwReuseKey, "2\n");

            var config = new LinuxPortConfigurationReader(root.FullName).Read();

            Assert.Equal(new PortRange(20000, 1000), config.Find(TransportProtocol.Udp, IpFamily.IPv4)!.Range);
            Assert.Equal(new PortRange(20100, 10), Assert.Single(config.Excluded).Range);
            Assert.Equal("2", config.Settings[LinuxSettings.TcpTwReuseKey]);
            Assert.False(config.Settings.ContainsKey(LinuxSettings.TcpFinTimeoutKey));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Reads_this_machines_range()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("needs Linux /proc/sys");
        }

        // Linux-only by attribute; the runtime guard keeps the reason visible if run elsewhere.
        var expected = LinuxSysctl.ParsePortRange(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range"));
        var config = new LinuxPortConfigurationReader().Read();
        Assert.Equal(expected, config.Find(TransportProtocol.Tcp, IpFamily.IPv4)!.Range);
    }

    private static void Write(string root, string key, string value)
    {
        var path = LinuxPortConfigurationReader.PathOf(root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, value);
    }
}
