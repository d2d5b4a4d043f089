using System.Runtime.InteropServices;

namespace PortDoctor.Platform.Linux.Interop;

/// <summary>setns(2) and what tells an nsfs file descriptor apart: its file system, its namespace type, its inode.</summary>
internal static unsafe partial class Libc
{
    public const int CloneNewNet = 0x40000000;
    public const int Eperm = 1;
    public const long NsfsMagic = 0x6e736673;

    /// <summary>ioctl NS_GET_NSTYPE (_IO(0xb7, 0x3)): the CLONE_NEW* flag of the namespace (Linux 4.11+).</summary>
    private const nuint NsGetNsType = 0xb703;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxIno = 0x100;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setns(int fd, int nstype);

    /// <summary>f_type of the file system the fd lives on (the first field of struct statfs, a word); null on error.</summary>
    public static long? FileSystemType(int fd)
    {
        var buffer = stackalloc long[32];
        return fstatfs(fd, buffer) == 0 ? buffer[0] : null;
    }

    /// <summary>The CLONE_NEW* type of an nsfs fd; null when the kernel cannot tell.</summary>
    public static int? NamespaceType(int fd)
    {
        var type = Ioctl(fd, NsGetNsType, 0);
        return type < 0 ? null : type;
    }

    /// <summary>The inode of an open file (statx with AT_EMPTY_PATH; stx_ino is at byte 32); null on error.</summary>
    public static ulong? Inode(int fd)
    {
        var buffer = stackalloc byte[256];
        var empty = stackalloc byte[1];
        empty[0] = 0;
        return statx(fd, empty, AtEmptyPath, StatxIno, buffer) == 0 ? *(ulong*)(buffer + 32) : null;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fstatfs(int fd, long* buffer);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, nint argument);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int statx(int dirFd, byte* path, int flags, uint mask, byte* buffer);
}
