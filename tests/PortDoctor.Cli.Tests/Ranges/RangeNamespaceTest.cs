using Xunit;

namespace PortDoctor.Cli.Tests.Ranges;

/// <summary>
/// Shared set-up of the `range` tests that run the built binary in a network namespace: a
/// temporary state dir and sysctl.d dir, and what is left in them afterwards.
/// </summary>
public abstract class RangeNamespaceTest : IDisposable
{
    protected const string Key = "net.ipv4.ip_local_port_range";

    private readonly string _temp = Directory.CreateTempSubdirectory("pdw-range-").FullName;

    protected string Temp => _temp;

    protected string StateDir => Path.Combine(_temp, "state");

    protected string SysctlDir => Directory.CreateDirectory(Path.Combine(_temp, "sysctl.d")).FullName;

    protected string BackupFile => Path.Combine(StateDir, "range-backup.json");

    protected string PersistFile => Path.Combine(SysctlDir, "60-portdoctor-port-range.conf");

    public void Dispose()
    {
        Directory.Delete(_temp, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected static NetworkNamespace CreateOrSkip()
    {
        if (!NetworkNamespace.CanCreate)
        {
            Assert.Skip("needs root and iproute2 on Linux to create a network namespace");
        }

        return NetworkNamespace.Create();
    }

    /// <summary>Temporary files a run left in the state and sysctl.d dirs (the lock file is not one).</summary>
    protected string[] Leftovers() =>
        [.. new[] { StateDir, SysctlDir }.Where(Directory.Exists)
            .SelectMany(Directory.GetFiles)
            .Where(f => Path.GetFileName(f).Contains("tmp", StringComparison.Ordinal))];

    protected static string OneLine(string error) => Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
}
