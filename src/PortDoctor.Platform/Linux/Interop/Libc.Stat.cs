using System.Runtime.Versioning;

namespace PortDoctor.Platform.Linux.Interop;

[SupportedOSPlatform("linux")]
internal static unsafe partial class Libc
{
    private const uint StatxSize = 0x200;

    /// <summary>
    /// stx_ino (byte 32) and stx_size (byte 40, the same on every architecture) of <paramref name="path"/>
    /// relative to <paramref name="dirFd"/> in one statx; false with errno on error. For /proc/PID/fd the
    /// size is the number of open fds (Linux 6.2+).
    /// </summary>
    public static bool TryInodeAndSizeAt(int dirFd, byte* path, out long inode, out long size, out int errno)
    {
        var buffer = stackalloc byte[256];
        if (statx(dirFd, path, 0, StatxSize | StatxIno, buffer) != 0)
        {
            errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            (inode, size) = (0, 0);
            return false;
        }

        (inode, size, errno) = (*(long*)(buffer + 32), *(long*)(buffer + 40), 0);
        return true;
    }
}
