using PortDoctor.Core;

namespace PortDoctor.Platform;

/// <summary>The one place that picks the OS implementation.</summary>
public static class PlatformServices
{
    public static ISnapshotCollector CreateCollector()
    {
        if (OperatingSystem.IsWindows())
        {
            return new Windows.WindowsSnapshotCollector();
        }

        throw new PortDoctorException(
            $"live collection is not available on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            ExitCode.Unavailable);
    }
}
