using System.Runtime.Versioning;
using PortDoctor.Core;

namespace PortDoctor.Platform.Linux.Tracing;

/// <summary>Finds tracefs (its own mount, or under debugfs on old setups) and mounts it when it is not there.</summary>
[SupportedOSPlatform("linux")]
internal static class TracefsMount
{
    public const string Standard = "/sys/kernel/tracing";
    private const string UnderDebugfs = "/sys/kernel/debug/tracing";

    /// <summary>The tracefs root with an instances directory; mounts it at /sys/kernel/tracing if needed (and leaves that mount, as systemd does at boot).</summary>
    public static string Locate()
    {
        foreach (var root in new[] { Standard, UnderDebugfs })
        {
            if (Directory.Exists(Path.Combine(root, "instances")))
            {
                return root;
            }
        }

        if (!Directory.Exists(Standard))
        {
            throw new PortDoctorException($"tracefs is not available: {Standard} does not exist (kernel without CONFIG_TRACING?)", ExitCode.Unavailable);
        }

        ExternalCommand.Result result;
        try
        {
            result = ExternalCommand.Run("mount", ["-t", "tracefs", "nodev", Standard], TimeSpan.FromSeconds(10));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new PortDoctorException($"tracefs is not mounted at {Standard} and `mount` is not installed to mount it", ExitCode.Unavailable);
        }

        return result.ExitCode == 0 && Directory.Exists(Path.Combine(Standard, "instances"))
            ? Standard
            : throw new PortDoctorException($"tracefs is not mounted and mounting it at {Standard} failed: {result.Error.Trim()}", ExitCode.Unavailable);
    }

    /// <summary>The syscall tracepoints the trace needs, or a one-line reason (exit 69) when the kernel has none.</summary>
    public static void RequireSyscallEvents(string root)
    {
        foreach (var name in TracefsInstance.Events)
        {
            if (!Directory.Exists(Path.Combine(root, "events", "syscalls", name)))
            {
                throw new PortDoctorException(
                    $"this kernel has no syscall tracepoint {name} ({root}/events/syscalls): it needs CONFIG_FTRACE_SYSCALLS",
                    ExitCode.Unavailable);
            }
        }
    }
}
