using System.Globalization;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux;

/// <summary>Stamping each process cheaply (two reads, no walk), for <see cref="FdTableMemory"/>.</summary>
internal sealed unsafe partial class ProcFdScanner
{
    /// <summary>Field 22 of /proc/PID/stat, counted from the first field after the ")" that ends the name.</summary>
    private const int StartTimeFieldAfterName = 20;

    public List<FdTableStamp> ListProcesses(CancellationToken cancellationToken)
    {
        var stamps = new List<FdTableStamp>(512);
        var procFd = OpenProc();
        if (procFd < 0)
        {
            return stamps;
        }

        try
        {
            var pids = new List<int>(512);
            ReadPids(procFd, new byte[DirentBufferLength], pids);
            Span<byte> path = stackalloc byte[32];
            var stat = new byte[1024];
            foreach (var pid in pids)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Stamp(procFd, pid, path, stat) is { } stamp)
                {
                    stamps.Add(stamp);
                }
            }
        }
        finally
        {
            _ = Libc.close(procFd);
        }

        return stamps;
    }

    /// <summary>Start time from /proc/PID/stat, fd count from st_size of /proc/PID/fd; null when the process is gone.</summary>
    private static FdTableStamp? Stamp(int procFd, int pid, Span<byte> path, byte[] stat)
    {
        pid.TryFormat(path, out var written, default, CultureInfo.InvariantCulture);
        "/stat\0"u8.CopyTo(path[written..]);
        long? start;
        fixed (byte* pathPointer = path)
        fixed (byte* statPointer = stat)
        {
            var fd = Libc.openat(procFd, pathPointer, Libc.ORdonly | Libc.OCloexec);
            if (fd < 0)
            {
                return null;
            }

            var read = Libc.read(fd, statPointer, stat.Length);
            _ = Libc.close(fd);
            start = read > 0 ? StartTicks(stat.AsSpan(0, (int)read)) : null;
        }

        if (start is not { } ticks)
        {
            return null;
        }

        "/fd\0"u8.CopyTo(path[written..]);
        fixed (byte* pathPointer = path)
        {
            // 0 (or unreadable) means "unknown": such a process is walked every time.
            return new FdTableStamp(pid, ticks, Libc.SizeAt(procFd, pathPointer) ?? 0);
        }
    }

    /// <summary>starttime (clock ticks after boot) from a /proc/PID/stat line; the name may hold spaces and ')'.</summary>
    internal static long? StartTicks(ReadOnlySpan<byte> stat)
    {
        var close = stat.LastIndexOf((byte)')');
        if (close < 0)
        {
            return null;
        }

        var rest = stat[(close + 1)..];
        for (var field = 0; field < StartTimeFieldAfterName; field++)
        {
            rest = rest.TrimStart((byte)' ');
            var end = rest.IndexOf((byte)' ');
            if (field == StartTimeFieldAfterName - 1)
            {
                var number = ParseNumber(end < 0 ? rest : rest[..end]);
                return number < 0 ? null : number;
            }

            if (end < 0)
            {
                return null;
            }

            rest = rest[end..];
        }

        return null;
    }
}
