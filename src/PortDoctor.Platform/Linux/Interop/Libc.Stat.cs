using System.Runtime.Versioning;

namespace PortDoctor.Platform.Linux.Interop;

[SupportedOSPlatform("linux")]
internal static unsafe partial class Libc
{
    private const uint StatxSize = 0x200;

    /// <summary>
    /// st_size of <paramref name="path"/> relative to <paramref name="dirFd"/> (statx: stx_size is at byte 40,
    /// the same on every architecture); null on error. For /proc/PID/fd it is the number of open fds (Linux 6.2+).
    /// </summary>
    public static long? SizeAt(int dirFd, byte* path)
    {
        var buffer = stackalloc byte[256];
        return statx(dirFd, path, 0, StatxSize, buffer) == 0 ? *(long*)(buffer + 40) : null;
    }
}
