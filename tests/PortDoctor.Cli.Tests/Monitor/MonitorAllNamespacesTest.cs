using System.Text.Json;
using PortDoctor.Cli.Tests.Ranges;

namespace PortDoctor.Cli.Tests.Monitor;

/// <summary>What the `monitor --all-netns` test classes share: a history folder and two namespaces told apart by their range.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public abstract class MonitorAllNamespacesTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pd-monitor-allns-" + Guid.NewGuid().ToString("N")[..8]);

    protected string Folder => _folder;

    protected string Db => Path.Combine(_folder, "history.db");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Two namespaces told apart by their range: 100 ports and 10,000.</summary>
    protected (NetworkNamespace Narrow, NetworkNamespace Wide) NarrowAndWide()
    {
        var narrow = NetworkNamespace.Create();
        var wide = NetworkNamespace.Create();
        narrow.WriteSysctl("net.ipv4.ip_local_port_range", "40000 40099");
        wide.WriteSysctl("net.ipv4.ip_local_port_range", "30000 39999");
        Directory.CreateDirectory(_folder);
        return (narrow, wide);
    }

    protected static List<JsonElement> Lines(IEnumerable<JsonElement> lines, string name) =>
        lines.Where(l => l.TryGetProperty("namespace", out var ns) && ns.GetString() == name).ToList();
}
