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

    private static PortDoctorException NotAvailable(string what) => new(
        $"{what} is not available on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
        ExitCode.Unavailable);
}
