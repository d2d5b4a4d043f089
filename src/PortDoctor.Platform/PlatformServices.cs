using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;

namespace PortDoctor.Platform;

/// <summary>The one place that picks the OS implementation.</summary>
public static class PlatformServices
{
    public static ISnapshotCollector CreateCollector()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxSnapshotCollector();
        }

        throw NotAvailable("live collection");
    }

    /// <summary>The dynamic port ranges and related settings of this machine.</summary>
    public static PortConfiguration ReadPortConfiguration()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxPortConfigurationReader().Read();
        }

        throw NotAvailable("reading the port configuration");
    }

    /// <summary>A lab network namespace (Linux only: network namespaces are a Linux feature).</summary>
    public static IDisposable CreateLabNamespace(string name, PortRange range)
    {
        if (OperatingSystem.IsLinux())
        {
            return Lab.LabNamespace.Create(name, range);
        }

        throw NotAvailable("the lab (network namespaces)");
    }

    /// <summary>
    /// Kernel log lines about socket pressure (Linux dmesg) and exhaustion counters
    /// (/proc/net/netstat); nothing elsewhere (Windows events come with the Windows collector).
    /// </summary>
    public static KernelEvidence ReadKernelEvidence()
    {
        if (!OperatingSystem.IsLinux())
        {
            return KernelEvidence.None;
        }

        var (events, note) = LinuxKernelLog.Read();
        return new KernelEvidence(events, LinuxKernelCounters.Read(), note);
    }

    /// <summary>The OS the probe's native error codes belong to.</summary>
    public static OsKind CurrentOs =>
        OperatingSystem.IsWindows() ? OsKind.Windows : OperatingSystem.IsLinux() ? OsKind.Linux : OsKind.Unknown;

    private static PortDoctorException NotAvailable(string what) => new(
        $"{what} is not available on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
        ExitCode.Unavailable);
}
