using PortDoctor.Core.Model;
using PortDoctor.Platform;
using PortDoctor.Platform.Probe;
using Xunit;

namespace PortDoctor.Cli.Tests.Monitor;

/// <summary>
/// The busiest loopback destination is connected to by `diagnose` always, by the monitor only while the
/// pool is at least half full (a local service would otherwise see a connection every sample).
/// </summary>
public sealed class BusiestLoopbackProbeTests
{
    /// <summary>A range of 20 ports, <paramref name="held"/> of them connected to 127.0.0.1:9000.</summary>
    private static Snapshot Host(int held) => new()
    {
        Time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Host = "web1",
        Os = OsKind.Linux,
        Sockets =
        [
            .. Enumerable.Range(0, held).Select(i => new SocketEntry(
                TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established, new Endpoint("127.0.0.1", 40000 + i), new Endpoint("127.0.0.1", 9000))
            { Pid = 20, ProcessName = "client", Inode = 1000 + i }),
        ],
        Ports = PortDoctor.Evidence.Linux.LinuxSysctl.ToConfiguration(
            new Dictionary<string, string> { [LinuxSettings.PortRangeKey] = "40000 40019" },
            "test"),
    };

    private static List<ProbeTarget> Probed(int held, double fromPercent)
    {
        var probed = new List<ProbeTarget>();
        var host = new FakeHost
        {
            Collector = new FixedCollector(Host(held)),
            Probes = targets =>
            {
                probed.AddRange(targets);
                return [];
            },
        };
        new LiveSource(host, new LiveSourceOptions { KernelEvidence = false, BusiestLoopbackFromPercent = fromPercent }).Observe(CancellationToken.None);
        return probed;
    }

    [Theory]
    [InlineData(9, 0, true)] // diagnose: 45% full, still probed
    [InlineData(9, LiveSourceOptions.MonitorBusiestLoopbackPercent, false)] // monitor below half: left alone
    [InlineData(10, LiveSourceOptions.MonitorBusiestLoopbackPercent, true)] // monitor at half
    [InlineData(19, LiveSourceOptions.MonitorBusiestLoopbackPercent, true)]
    public void The_busiest_loopback_destination_is_probed_from_the_threshold_on(int held, double fromPercent, bool expected)
    {
        var probed = Probed(held, fromPercent);

        Assert.Equal(expected, probed.Contains(new ProbeTarget("127.0.0.1", 9000)));
    }
}
