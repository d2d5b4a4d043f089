using PortDoctor.Core.Model;
using PortDoctor.Evidence;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>Finds checked-in fixture files and reads them through the public loader.</summary>
internal static class Fixture
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static EvidenceSet Read(params string[] relative) => EvidenceReader.Read(relative.Select(PathOf));

    /// <summary>Sockets per state, the counted ones (no ports) included.</summary>
    public static Dictionary<SocketState, int> ByState(Snapshot snapshot) =>
        snapshot.Sockets.Select(s => (s.State, Count: 1)).Concat(snapshot.CountedSockets.Select(c => (c.State, c.Count)))
            .GroupBy(s => s.State).ToDictionary(g => g.Key, g => g.Sum(s => s.Count));

    /// <summary>Sockets per owning PID, the counted ones (no ports) included.</summary>
    public static Dictionary<int, int> ByPid(Snapshot snapshot) =>
        snapshot.Sockets.Select(s => (s.Pid, Count: 1)).Concat(snapshot.CountedSockets.Select(c => (c.Pid, c.Count)))
            .Where(s => s.Pid is not null).GroupBy(s => s.Pid!.Value).ToDictionary(g => g.Key, g => g.Sum(s => s.Count));

    /// <summary>All sockets: listed and counted.</summary>
    public static int Total(Snapshot snapshot) => snapshot.Sockets.Count + snapshot.CountedSockets.Sum(c => c.Count);

    /// <summary>Reads one fixture and checks it was taken for <paramref name="format"/> with no line lost.</summary>
    public static EvidenceSet ReadWhole(string relative, string format)
    {
        var evidence = Read(relative);
        Xunit.Assert.Equal(format, evidence.Sources[0].Format);
        Xunit.Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        return evidence;
    }

    /// <summary>A TCP socket as a fixture row gives it (IPv6 when the local address has a colon).</summary>
    public static SocketEntry Tcp(SocketState state, string local, int localPort, string remote, int remotePort, int? pid = null, string? name = null) =>
        new(TransportProtocol.Tcp, local.Contains(':', StringComparison.Ordinal) ? IpFamily.IPv6 : IpFamily.IPv4, state, new(local, localPort), new(remote, remotePort))
        {
            Pid = pid,
            ProcessName = name,
        };
}
