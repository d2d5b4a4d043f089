using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Finds every socket fd of every process by reading each /proc/[pid]/fd link, as `ss -p` does,
/// but with getdents64 + readlinkat into reused buffers: no allocation per fd, which is what makes
/// 40,000 sockets cheap. It needs nothing from the socket dump, so it runs while the dump does;
/// <see cref="SocketOwnership"/> joins the two. Processes that exit mid-scan are skipped;
/// unreadable ones are counted.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed unsafe partial class ProcFdScanner : IFdTableSource
{
    private const int DirentBufferLength = 32 * 1024;
    private static ReadOnlySpan<byte> SocketPrefix => "socket:["u8;

    private readonly string _procRoot;

    public ProcFdScanner(string procRoot = "/proc") => _procRoot = procRoot;

    /// <summary>Every process's fd table, or only those of <paramref name="onlyPids"/> when given.</summary>
    public ProcFdScan Scan(CancellationToken cancellationToken, IReadOnlyList<int>? onlyPids = null) =>
        Walk(onlyPids ?? ListPids(), cancellationToken);

    public ProcFdScan Walk(IReadOnlyList<int> pids, CancellationToken cancellationToken)
    {
        var scan = new ProcFdScan();
        if (pids.Count == 0)
        {
            return scan;
        }

        var procFd = OpenProc();
        if (procFd < 0)
        {
            return scan;
        }

        try
        {
            // A few processes often hold most fds (40,000 sockets in two servers): workers take the
            // next PID as they finish, so a heavy process does not hold the others back.
            var next = -1;
            var workers = Math.Clamp(Math.Min(Environment.ProcessorCount, pids.Count), 1, 4);
            var partial = new ProcFdScan[workers];
            OwnThreads.ForEach("fd walk", workers, worker =>
            {
                var own = new ProcFdScan();
                var dirents = new byte[DirentBufferLength];
                var numbers = new List<int>();
                Span<byte> path = stackalloc byte[32];
                Span<byte> link = stackalloc byte[64];
                int index;
                while ((index = Interlocked.Increment(ref next)) < pids.Count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ScanProcess(procFd, pids[index], null, path, link, dirents, numbers, own);
                }

                partial[worker] = own;
            });
            Merge(partial, scan);
        }
        finally
        {
            _ = Libc.close(procFd);
        }

        return scan;
    }

    public ProcFdScan WalkNew(int pid, int[] known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(known);
        cancellationToken.ThrowIfCancellationRequested();
        var scan = new ProcFdScan();
        var procFd = OpenProc();
        if (procFd < 0)
        {
            return scan;
        }

        try
        {
            Span<byte> path = stackalloc byte[32];
            Span<byte> link = stackalloc byte[64];
            ScanProcess(procFd, pid, known, path, link, new byte[DirentBufferLength], [], scan);
        }
        finally
        {
            _ = Libc.close(procFd);
        }

        return scan;
    }

    /// <summary>The PIDs under /proc now; none when /proc cannot be opened.</summary>
    public List<int> ListPids()
    {
        var pids = new List<int>(512);
        var procFd = OpenProc();
        if (procFd >= 0)
        {
            try
            {
                ReadPids(procFd, new byte[DirentBufferLength], pids);
            }
            finally
            {
                _ = Libc.close(procFd);
            }
        }

        return pids;
    }

    private int OpenProc()
    {
        fixed (byte* rootPointer = NullTerminated(_procRoot))
        {
            return Libc.open(rootPointer, Libc.ORdonly | Libc.ODirectory | Libc.OCloexec);
        }
    }

    private static void Merge(ProcFdScan[] partial, ProcFdScan scan)
    {
        foreach (var part in partial)
        {
            scan.SocketFds.AddRange(part.SocketFds);
            scan.Processes.AddRange(part.Processes);
            scan.DeniedPids.AddRange(part.DeniedPids);
            foreach (var (pid, numbers) in part.FdNumbers)
            {
                scan.FdNumbers[pid] = numbers;
            }
        }

        scan.Processes.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        scan.DeniedPids.Sort();
    }

    private static void ReadPids(int procFd, byte[] buffer, List<int> pids)
    {
        fixed (byte* pointer = buffer)
        {
            nint read;
            while ((read = Libc.getdents64(procFd, pointer, buffer.Length)) > 0)
            {
                for (var offset = 0; offset < read;)
                {
                    var record = new ReadOnlySpan<byte>(pointer + offset, (int)read - offset);
                    var length = MemoryMarshal.Read<ushort>(record[16..]);
                    var pid = ParseNumber(NameOf(record));
                    if (pid > 0)
                    {
                        pids.Add((int)pid);
                    }

                    offset += length;
                }
            }
        }
    }

    /// <summary>
    /// Walks one fd table: every fd counted and its number kept; the link read of every fd not in
    /// <paramref name="known"/> (sorted; null: of every fd), the socket ones added to the scan.
    /// </summary>
    private static void ScanProcess(int procFd, int pid, int[]? known, Span<byte> path, Span<byte> link, byte[] dirents, List<int> numbers, ProcFdScan scan)
    {
        numbers.Clear();
        // "<pid>/fd\0", relative to the open /proc.
        pid.TryFormat(path, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        "/fd\0"u8.CopyTo(path[written..]);
        int fdDir;
        fixed (byte* pathPointer = path)
        {
            fdDir = Libc.openat(procFd, pathPointer, Libc.ORdonly | Libc.ODirectory | Libc.OCloexec);
        }

        if (fdDir < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Libc.Eacces || errno == 1)
            {
                scan.DeniedPids.Add(pid);
            }

            return; // ENOENT/ESRCH: the process exited since we listed it
        }

        int fds = 0, sockets = 0;
        try
        {
            fixed (byte* pointer = dirents)
            fixed (byte* linkPointer = link)
            {
                nint read;
                while ((read = Libc.getdents64(fdDir, pointer, dirents.Length)) > 0)
                {
                    for (var offset = 0; offset < read;)
                    {
                        var record = new ReadOnlySpan<byte>(pointer + offset, (int)read - offset);
                        var length = MemoryMarshal.Read<ushort>(record[16..]);
                        offset += length;
                        if (record[19] == (byte)'.')
                        {
                            continue; // "." and ".."
                        }

                        fds++;
                        var number = (int)ParseNumber(NameOf(record));
                        numbers.Add(number);
                        if (known is not null && Array.BinarySearch(known, number) >= 0)
                        {
                            continue; // there at the last walk: taken as unchanged (a delta walk)
                        }

                        var linkLength = Libc.readlinkat(fdDir, pointer + (offset - length) + 19, linkPointer, link.Length);
                        if (linkLength <= SocketPrefix.Length || !link.StartsWith(SocketPrefix))
                        {
                            continue;
                        }

                        sockets++;
                        var inode = ParseNumber(link[SocketPrefix.Length..(int)linkLength]);
                        if (inode > 0)
                        {
                            scan.SocketFds.Add((inode, pid, number));
                        }
                    }
                }
            }
        }
        finally
        {
            _ = Libc.close(fdDir);
        }

        scan.Processes.Add(new ProcessFdCounts(pid, fds, sockets));
        var sorted = numbers.ToArray();
        Array.Sort(sorted);
        scan.FdNumbers[pid] = sorted;
    }

    private static ReadOnlySpan<byte> NameOf(ReadOnlySpan<byte> record)
    {
        var name = record[19..];
        var end = name.IndexOf((byte)0);
        return end < 0 ? name : name[..end];
    }

    /// <summary>Leading decimal digits (stops at ']' or NUL); -1 when there are none.</summary>
    private static long ParseNumber(ReadOnlySpan<byte> text)
    {
        long value = 0;
        var digits = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                break;
            }

            value = (value * 10) + (b - '0');
            digits++;
        }

        return digits == 0 ? -1 : value;
    }

    private static byte[] NullTerminated(string path)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }
}
