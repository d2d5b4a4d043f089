using PortDoctor.Core.Model;
using PortDoctor.Platform;

namespace PortDoctor.Cli.Tests;

/// <summary>A collector that returns one known snapshot, for output and filter tests.</summary>
internal sealed class FixedCollector(Snapshot snapshot) : ISnapshotCollector
{
    public CollectOptions? LastOptions { get; private set; }

    public Snapshot Collect(CollectOptions options, CancellationToken cancellationToken = default)
    {
        LastOptions = options;
        return snapshot;
    }

    /// <summary>A small host: a web server, a leaky client, TIME_WAITs, a bound socket, UDP and IPv6.</summary>
    public static Snapshot Sample()
    {
        static SocketEntry Tcp(SocketState state, string local, int localPort, string remote, int remotePort, int? pid, string? name) =>
            new(TransportProtocol.Tcp, local.Contains(':', StringComparison.Ordinal) ? IpFamily.IPv6 : IpFamily.IPv4, state, new Endpoint(local, localPort), new Endpoint(remote, remotePort))
            {
                Pid = pid,
                ProcessName = name,
                Inode = pid is null ? 0 : 1000 + localPort,
                Uid = 33,
            };

        return new Snapshot
        {
            Time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Host = "web1",
            Os = OsKind.Linux,
            Sockets =
            [
                Tcp(SocketState.Listen, "0.0.0.0", 443, "0.0.0.0", 0, 10, "nginx"),
                Tcp(SocketState.Established, "10.0.0.5", 443, "10.0.0.9", 50001, 10, "nginx"),
                Tcp(SocketState.Established, "10.0.0.5", 40001, "10.0.0.7", 5432, 20, "app, \"v2\""),
                Tcp(SocketState.Established, "10.0.0.5", 40002, "10.0.0.7", 5432, 20, "app, \"v2\""),
                Tcp(SocketState.CloseWait, "10.0.0.5", 40003, "10.0.0.7", 5432, 20, "app, \"v2\""),
                Tcp(SocketState.TimeWait, "10.0.0.5", 40004, "10.0.0.7", 5432, null, null),
                Tcp(SocketState.TimeWait, "10.0.0.5", 40005, "10.0.0.8", 80, null, null),
                Tcp(SocketState.Bound, "0.0.0.0", 40006, "0.0.0.0", 0, 20, "app, \"v2\""),
                Tcp(SocketState.Established, "::1", 8080, "::1", 40007, 30, "java"),
                new(TransportProtocol.Udp, IpFamily.IPv4, SocketState.Unconnected, new Endpoint("127.0.0.53", 53), new Endpoint("0.0.0.0", 0)) { Pid = 40, ProcessName = "systemd-resolve", Inode = 77, Uid = 101 },
            ],
            Ports = PortDoctor.Evidence.Linux.LinuxSysctl.ToConfiguration(
                new Dictionary<string, string> { [Core.Model.LinuxSettings.PortRangeKey] = "40000 40005" },
                "test"),
            Notes = [new Core.Model.Note(Core.Model.NoteKind.InodesWithoutProcess) { Count = 2 }],
        };
    }
}
