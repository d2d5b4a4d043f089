using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;

namespace PortDoctor.Core.Tests.Analysis;

/// <summary>Builds snapshots socket by socket, the way a collector would report them.</summary>
internal sealed class SnapshotFixture
{
    private readonly List<SocketEntry> _sockets = [];
    private readonly Dictionary<int, ProcessInfo> _processes = [];
    private readonly List<ProbeResult> _probes = [];
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal) { [LinuxSettings.TcpTwReuseKey] = "0" };
    private readonly List<ExcludedPortRange> _excluded = [];

    public SnapshotFixture(OsKind os, PortRange range)
    {
        Os = os;
        Range = range;
    }

    public OsKind Os { get; }

    public PortRange Range { get; }

    public static SnapshotFixture Linux(int start = 40000, int count = 1000) => new(OsKind.Linux, new PortRange(start, count));

    public SnapshotFixture Process(int pid, string name, int? handles = null)
    {
        _processes[pid] = new ProcessInfo(pid, name) { HandleCount = handles, SocketCount = handles };
        return this;
    }

    public SnapshotFixture Socket(SocketState state, string local, int localPort, string remote, int remotePort, int? pid = null)
    {
        _sockets.Add(new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, state, new Endpoint(local, localPort), new Endpoint(remote, remotePort))
        {
            Pid = pid,
            ProcessName = pid is { } p && _processes.TryGetValue(p, out var info) ? info.Name : null,
        });
        return this;
    }

    /// <summary>count sockets from consecutive ephemeral ports (starting at the range start + offset) to one destination.</summary>
    public SnapshotFixture Outbound(int count, SocketState state, string remote, int remotePort, int? pid, int offset = 0)
    {
        for (var i = 0; i < count; i++)
        {
            Socket(state, "10.0.0.5", Range.Start + offset + i, remote, remotePort, pid);
        }

        return this;
    }

    public SnapshotFixture Setting(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    public SnapshotFixture Exclude(PortRange range)
    {
        _excluded.Add(new ExcludedPortRange(null, null, range));
        return this;
    }

    public SnapshotFixture Probe(ProbeOutcome outcome, int? error = null, string? name = null)
    {
        _probes.Add(new ProbeResult("bind port 0", outcome) { NativeError = error, ErrorName = name });
        return this;
    }

    public Snapshot Build(DateTimeOffset? time = null) => new()
    {
        Time = time ?? new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero),
        Host = "fixture",
        Os = Os,
        Sockets = [.. _sockets],
        Processes = new Dictionary<int, ProcessInfo>(_processes),
        Probes = [.. _probes],
        Ports = new PortConfiguration
        {
            Dynamic =
            [
                new DynamicPortRange(TransportProtocol.Tcp, IpFamily.IPv4, Range),
                new DynamicPortRange(TransportProtocol.Tcp, IpFamily.IPv6, Range),
                new DynamicPortRange(TransportProtocol.Udp, IpFamily.IPv4, Range),
                new DynamicPortRange(TransportProtocol.Udp, IpFamily.IPv6, Range),
            ],
            Excluded = [.. _excluded],
            Settings = new Dictionary<string, string>(_settings),
        },
    };
}
