using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using PortDoctor.Platform.Windows;

namespace PortDoctor.Platform;

/// <summary>The one place that picks the OS implementation.</summary>
public static class HostPlatform
{
    public static IHostPlatform Create(TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        if (OperatingSystem.IsLinux())
        {
            return new LinuxHostPlatform(time);
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsHostPlatform(time);
        }

        return new UnsupportedHostPlatform(time);
    }

    internal static PortDoctorException NotAvailable(string what) => new(
        $"{what} is not available on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
        ExitCode.Unavailable);

    /// <summary>The outbound test with the default timeout, the same on every OS.</summary>
    internal static IReadOnlyList<ProbeResult> RunProbe(OsKind os, IReadOnlyList<Probe.ProbeTarget> targets, CancellationToken cancellationToken) =>
        new Probe.OutboundProbe(os, TimeSpan.FromSeconds(3)).Run(targets, cancellationToken);
}
