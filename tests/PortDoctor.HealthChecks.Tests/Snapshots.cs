using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;

namespace PortDoctor.HealthChecks.Tests;

/// <summary>Linux snapshots over a 100-port range (40000-40099), built socket by socket.</summary>
internal sealed class Snapshots
{
    public const int RangeStart = 40000;
    public static readonly PortRange Range = new(RangeStart, 100);

    private readonly List<SocketEntry> _sockets = [];
    private readonly Dictionary<int, ProcessInfo> _processes = [];
    private int _nextPort = RangeStart;

    /// <summary>count connections from the next free ephemeral ports toward one destination, owned by pid.</summary>
    public Snapshots Outbound(int count, string remote, int remotePort, int? pid, string? name = null, SocketState state = SocketState.Established)
    {
        if (pid is { } p && name is not null)
        {
            _processes[p] = new ProcessInfo(p, name);
        }

        for (var i = 0; i < count; i++)
        {
            _sockets.Add(new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, state, new Endpoint("10.0.0.5", _nextPort++), new Endpoint(remote, remotePort))
            {
                Pid = pid,
                ProcessName = name,
                Inode = pid is null ? 0 : 1000 + _nextPort,
            });
        }

        return this;
    }

    /// <summary>count bound-only sockets (ports held from every destination).</summary>
    public Snapshots Bound(int count, int pid)
    {
        for (var i = 0; i < count; i++)
        {
            _sockets.Add(new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Bound, new Endpoint("0.0.0.0", _nextPort++), new Endpoint("0.0.0.0", 0)) { Pid = pid });
        }

        return this;
    }

    public Snapshot Build(bool assumedRange = false) => new()
    {
        Time = new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero),
        Host = "fixture",
        Os = OsKind.Linux,
        Sockets = [.. _sockets],
        Processes = new Dictionary<int, ProcessInfo>(_processes),
        Ports = new PortConfiguration
        {
            Dynamic =
            [
                new DynamicPortRange(TransportProtocol.Tcp, IpFamily.IPv4, Range),
                new DynamicPortRange(TransportProtocol.Udp, IpFamily.IPv4, Range),
            ],
            Settings = new Dictionary<string, string>(StringComparer.Ordinal) { [LinuxSettings.TcpTwReuseKey] = "0" },
            IsAssumedDefault = assumedRange,
        },
    };
}
