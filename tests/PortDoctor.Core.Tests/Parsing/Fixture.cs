using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing;

namespace PortDoctor.Core.Tests.Parsing;

/// <summary>Finds checked-in fixture files and reads them through the public loader.</summary>
internal static class Fixture
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static EvidenceSet Read(params string[] relative) => EvidenceReader.Read(relative.Select(PathOf));

    public static Dictionary<SocketState, int> ByState(Snapshot snapshot) =>
        snapshot.Sockets.GroupBy(s => s.State).ToDictionary(g => g.Key, g => g.Count());

    public static Dictionary<int, int> ByPid(Snapshot snapshot) =>
        snapshot.Sockets.Where(s => s.Pid is not null).GroupBy(s => s.Pid!.Value).ToDictionary(g => g.Key, g => g.Count());
}
