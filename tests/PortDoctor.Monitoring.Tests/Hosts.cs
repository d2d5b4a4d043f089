using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Sources;

namespace PortDoctor.Monitoring.Tests;

/// <summary>Known hosts for the monitor's tests: sockets on a Linux host with the range 40000-40099.</summary>
internal static class Hosts
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static SocketEntry Tcp(SocketState state, int localPort, string remote, int remotePort, int? pid, string? name = null) =>
        new(TransportProtocol.Tcp, IpFamily.IPv4, state, new Endpoint("10.0.0.5", localPort), new Endpoint(remote, remotePort))
        {
            Pid = pid,
            ProcessName = name ?? (pid is { } p ? "proc" + p : null),
        };

    public static Observation Observe(DateTimeOffset time, IEnumerable<SocketEntry> sockets, IReadOnlyDictionary<string, long>? counters = null, IEnumerable<PortEvent>? events = null) =>
        new(
            new Snapshot
            {
                Time = time,
                Host = "web1",
                Os = OsKind.Linux,
                Sockets = sockets.ToList(),
                Events = events?.ToList() ?? [],
                Ports = PortDoctor.Evidence.Linux.LinuxSysctl.ToConfiguration(
                    new Dictionary<string, string> { [LinuxSettings.PortRangeKey] = "40000 40099" }, "test"),
            },
            new DiagnosisContext { KernelCounters = counters });

    /// <summary><paramref name="count"/> ESTABLISHED client sockets of <paramref name="pid"/> toward 10.0.0.7:5432 from port <paramref name="firstPort"/> on.</summary>
    public static IEnumerable<SocketEntry> Leak(int pid, int firstPort, int count) =>
        Enumerable.Range(firstPort, count).Select(port => Tcp(SocketState.Established, port, "10.0.0.7", 5432, pid));
}
