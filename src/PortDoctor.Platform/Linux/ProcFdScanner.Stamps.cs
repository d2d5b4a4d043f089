using System.Globalization;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux;

/// <summary>Stamping each process cheaply (one statx, no walk), for <see cref="FdTableMemory"/>.</summary>
internal sealed unsafe partial class ProcFdScanner
{
    /// <summary>Field 22 of /proc/PID/stat, counted from the first field after the ")" that ends the name.</summary>
    private const int StartTimeFieldAfterName = 20;

    /// <summary>
    /// Whether this kernel reports a table's fd count as the size of /proc/PID/fd (Linux 6.2+): this
    /// process always has fds open, so a size of 0 for its own table means the kernel does not count.
    /// </summary>
    internal static bool KernelCountsFds { get; } = OwnFdTableSize() > 0;

    private static long OwnFdTableSize()
    {
        fixed (byte* path = "/proc/self/fd\0"u8)
        {
            return Libc.TryInodeAndSizeAt(Libc.AtFdCwd, path, out _, out var size, out _) ? size : 0;
        }
    }

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
            foreach (var pid in pids)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Stamp(procFd, pid, path) is { } stamp)
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

    /// <summary>
    /// One statx of /proc/PID/fd: its inode number tells this process from an earlier one with the
    /// same PID (procfs makes a new inode when a PID's dentries are looked up again after its process
    /// exited; an inode dropped from the cache and made again only costs a walk), its size is the fd
    /// count (a size of 0 taken as no fds only where the kernel counts them: <see cref="KernelCountsFds"/>).
    /// Null when the process is gone; other errors give an unknown stamp, walked every time.
    /// </summary>
    private static FdTableStamp? Stamp(int procFd, int pid, Span<byte> path)
    {
        pid.TryFormat(path, out var written, default, CultureInfo.InvariantCulture);
        "/fd\0"u8.CopyTo(path[written..]);
        fixed (byte* pathPointer = path)
        {
            if (Libc.TryInodeAndSizeAt(procFd, pathPointer, out var inode, out var size, out var errno))
            {
                return new FdTableStamp(pid, inode, size > 0 || KernelCountsFds ? size : FdTableStamp.Unknown);
            }

            return errno is Libc.Enoent or Libc.Esrch ? null : new FdTableStamp(pid, 0, FdTableStamp.Unknown);
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
