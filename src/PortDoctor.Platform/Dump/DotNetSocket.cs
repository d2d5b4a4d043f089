using System.Globalization;
using PortDoctor.Platform.Linux;

namespace PortDoctor.Platform.Dump;

/// <summary>
/// A .NET process listens on `dotnet-diagnostic-PID-KEY-socket` in its TMPDIR (default /tmp), KEY being
/// its start time (field 22 of /proc/PID/stat, as the runtime writes it). A killed .NET process leaves
/// its socket file behind, and its PID is reused: only a socket whose KEY is this process's start time counts.
/// </summary>
internal static class DotNetSocket
{
    public static string? Find(int pid, IEnumerable<string?>? folders = null)
    {
        if (StartTicks(pid) is not { } key)
        {
            return null;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"dotnet-diagnostic-{pid}-{key}-socket");
        return (folders ?? [Environment.GetEnvironmentVariable("TMPDIR"), "/tmp"])
            .Where(f => !string.IsNullOrEmpty(f))
            .Select(f => Path.Combine(f!, name))
            .FirstOrDefault(File.Exists);
    }

    private static long? StartTicks(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return ProcFdScanner.StartTicks(File.ReadAllBytes($"/proc/{pid}/stat"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
