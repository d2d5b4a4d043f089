using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using PortDoctor.Platform.Ranges;

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

        if (OperatingSystem.IsWindows())
        {
            return new Windows.WindowsSnapshotCollector();
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

        if (OperatingSystem.IsWindows())
        {
            return Windows.WindowsPortConfigurationReader.Read();
        }

        throw NotAvailable("reading the port configuration");
    }

    /// <summary>The OS this process runs on, for rules that differ (range parity on Linux).</summary>
    public static OsKind CurrentOs =>
        OperatingSystem.IsLinux() ? OsKind.Linux : OperatingSystem.IsWindows() ? OsKind.Windows : OsKind.Unknown;

    /// <summary>Changes the dynamic port range: /proc/sys on Linux, netsh on Windows.</summary>
    public static IPortRangeSetter CreateRangeSetter()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxRangeSetter();
        }

        if (OperatingSystem.IsWindows())
        {
            return new Windows.WindowsRangeSetter();
        }

        throw NotAvailable("changing the port range");
    }

    /// <summary>Where PortDoctor keeps state: ~/.local/share/portdoctor, or %ProgramData%\PortDoctor (machine-wide, like the setting).</summary>
    public static string DefaultStateDirectory =>
        OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "PortDoctor")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "portdoctor");

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

    private static PortDoctorException NotAvailable(string what) => new(
        $"{what} is not available on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
        ExitCode.Unavailable);
}
