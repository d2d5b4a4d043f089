using System.Globalization;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;

namespace PortDoctor.Platform.Linux;

/// <summary>Reads comm, cmdline and uid of a process; a process that is gone gives what was read.</summary>
[SupportedOSPlatform("linux")]
internal static class LinuxProcessDetails
{
    /// <param name="listedSockets">Socket fds whose inode is in a TCP/UDP table; the rest are "unlisted".</param>
    public static ProcessInfo Read(string procRoot, ProcessFdCounts counts, int listedSockets, bool withDetails)
    {
        var directory = Path.Combine(procRoot, counts.Pid.ToString(CultureInfo.InvariantCulture));
        var name = ReadText(Path.Combine(directory, "comm"))?.TrimEnd('\n') ?? "";
        string? commandLine = null;
        int? uid = null;
        if (withDetails)
        {
            commandLine = ReadText(Path.Combine(directory, "cmdline"))?.TrimEnd('\0').Replace('\0', ' ');
            uid = ParseUid(ReadText(Path.Combine(directory, "status")));
        }

        return new ProcessInfo(counts.Pid, name)
        {
            CommandLine = string.IsNullOrEmpty(commandLine) ? null : commandLine,
            HandleCount = counts.FdCount,
            SocketCount = counts.SocketCount,
            UnlistedSocketCount = counts.SocketCount - listedSockets,
            Uid = uid,
        };
    }

    /// <summary>The real uid from the "Uid:\treal\teffective\t..." line of /proc/[pid]/status.</summary>
    public static int? ParseUid(string? status)
    {
        if (status is null)
        {
            return null;
        }

        foreach (var line in status.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                continue;
            }

            Span<Range> parts = stackalloc Range[3];
            var rest = line[4..];
            var count = rest.SplitAny(parts, " \t", StringSplitOptions.RemoveEmptyEntries);
            return count > 0 && int.TryParse(rest[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : null;
        }

        return null;
    }

    private static string? ReadText(string path)
    {
        try
        {
            return ProcText.Read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // exited, or hidden from us: the name stays unknown
        }
    }
}
