using System.Diagnostics;
using System.Globalization;
using PortDoctor.Tests.Shared;

namespace PortDoctor.HealthChecks.Tests;

/// <summary>
/// A throw-away network namespace with loopback up and its own ip_local_port_range (after
/// tests/PortDoctor.Cli.Tests/Ranges/NetworkNamespace.cs). Names are "pdh-PID-RANDOM": namespaces
/// whose creating test process is gone (killed with -9) are deleted by the next Create.
/// </summary>
internal sealed class HealthNamespace : IDisposable
{
    private const string Prefix = "pdh-";

    private HealthNamespace(string name) => Name = name;

    public string Name { get; }

    public static bool CanCreate =>
        OperatingSystem.IsLinux() && Environment.UserName == "root"
        && (File.Exists("/usr/sbin/ip") || File.Exists("/sbin/ip") || File.Exists("/usr/bin/ip"));

    public static HealthNamespace Create(string portRange)
    {
        SweepStale();
        var ns = new HealthNamespace($"{Prefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        Check(Run("ip", "netns", "add", ns.Name), "ip netns add");
        try
        {
            Check(ns.Exec("ip", "link", "set", "lo", "up"), "ip link set lo up");
            Check(ns.Exec("sh", "-c", $"echo '{portRange}' > /proc/sys/net/ipv4/ip_local_port_range"), "setting ip_local_port_range");
            return ns;
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    public (int Code, string Out, string Error) Exec(params string[] command) => Run("ip", ["netns", "exec", Name, .. command]);

    /// <summary>Starts a program inside the namespace with its standard streams redirected (`ip netns exec` execs it, so the pid is the program's).</summary>
    public Process Start(params string[] command) => Process.Start(new ProcessStartInfo("ip", ["netns", "exec", Name, .. command])
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    })!;

    public void Dispose() => Run("ip", "netns", "delete", Name);

    private static void SweepStale()
    {
        foreach (var line in Run("ip", "netns", "list").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            var parts = name.Split('-');
            if (name.StartsWith(Prefix, StringComparison.Ordinal) && parts.Length == 3
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                Run("ip", "netns", "delete", name);
            }
        }
    }

    private static void Check((int Code, string Out, string Error) result, string what)
    {
        if (result.Code != 0)
        {
            throw new InvalidOperationException($"{what} failed: {result.Error}");
        }
    }

    private static (int Code, string Out, string Error) Run(string file, params string[] args) =>
        ChildProgram.Run(file, args, TimeSpan.FromSeconds(60));
}
