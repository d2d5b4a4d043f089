using System.Globalization;
using PortDoctor.Core.Model;

namespace PortDoctor.Monitoring;

/// <summary>When a process started (PIDs are reused: a process is PID plus start time); null when it cannot be read.</summary>
public static class ProcessStartTimes
{
    /// <summary>The reader for <paramref name="os"/>: /proc on Linux, the process API elsewhere.</summary>
    public static Func<int, DateTimeOffset?> For(OsKind os) => os == OsKind.Linux ? Linux(BootTime()) : Other;

    /// <summary>Linux: field 22 of /proc/[pid]/stat, clock ticks (USER_HZ, 100 on every supported arch) after boot.</summary>
    internal static Func<int, DateTimeOffset?> Linux(DateTimeOffset? boot) => pid =>
    {
        if (boot is not { } booted)
        {
            return null;
        }

        try
        {
            return booted + Ticks(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    };

    /// <summary>Time after boot in a /proc/[pid]/stat line; the name in parentheses may hold spaces and ')'.</summary>
    internal static TimeSpan? Ticks(string stat)
    {
        var close = stat.LastIndexOf(')');
        var fields = close < 0 ? [] : stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // fields[0] is field 3 (state): starttime, field 22, is fields[19].
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? TimeSpan.FromSeconds(ticks / 100.0)
            : null;
    }

    private static DateTimeOffset? BootTime()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            return line is not null && long.TryParse(line[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Other(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }
}
