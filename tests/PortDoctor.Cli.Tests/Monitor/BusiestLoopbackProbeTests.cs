using PortDoctor.Core.Model;
using PortDoctor.Platform;
using PortDoctor.Platform.Probe;
using Xunit;

namespace PortDoctor.Cli.Tests.Monitor;

/// <summary>
/// The busiest loopback destination is connected to by `diagnose` always, by the monitor only while the
/// pool is at least half full (a local service would otherwise see a connection every sample), and then
/// once a minute until the pool is 90 % full.
/// </summary>
public sealed class BusiestLoopbackProbeTests
{
    /// <summary>A range of 20 ports, <paramref name="held"/> of them connected to 127.0.0.1:9000.</summary>
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static Snapshot Host(int held, double secondsLater = 0) => new()
    {
        Time = Start.AddSeconds(secondsLater),
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

    private static List<ProbeTarget> Probed(int held, double fromPercent, double secondsLater = 0, ProbeCadence? cadence = null)
    {
        var probed = new List<ProbeTarget>();
        var host = new FakeHost
        {
            Collector = new FixedCollector(Host(held, secondsLater)),
            Probes = targets =>
            {
                probed.AddRange(targets);
                return [];
            },
        };
        new LiveSource(host, new LiveSourceOptions { KernelEvidence = false, BusiestLoopbackFromPercent = fromPercent, BusiestLoopbackCadence = cadence }).Observe(CancellationToken.None);
        return probed;
    }

    /// <summary>
    /// The monitor's cadence, one sample every 5 s: the busiest destination once a minute while the pool is
    /// under 90 %, every sample from 90 % on, and again at once when the pool gets there.
    /// </summary>
    [Fact]
    public void The_monitor_connects_to_the_busiest_destination_once_a_minute_below_90_percent_and_every_sample_from_there()
    {
        var cadence = ProbeCadence.ForMonitor();
        var target = new ProbeTarget("127.0.0.1", 9000);
        bool ProbedAt(int held, double seconds) => Probed(held, LiveSourceOptions.MonitorBusiestLoopbackPercent, seconds, cadence).Contains(target);

        Assert.Equal(
            [true, false, false, true, false, true, true, true, false, true],
            [ProbedAt(10, 0), ProbedAt(10, 5), ProbedAt(17, 55), ProbedAt(17, 60), ProbedAt(17, 65), ProbedAt(18, 70), ProbedAt(19, 75), ProbedAt(18, 80), ProbedAt(17, 85), ProbedAt(17, 140)]);
        Assert.True(ProbedAt(10, 100)); // the clock went back: not taken as within the minute
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
