using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace PortDoctor.Platform.Linux.Interop;

/// <summary>The few libc calls the collector needs; pointers so hot loops allocate nothing.</summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class Libc
{
    public const int AfNetlink = 16;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int NetlinkSockDiag = 4;
    public const int ORdonly = 0;
    public const int ODirectory = 0x10000;
    public const int OCloexec = 0x80000;
    public const int Eintr = 4;
    public const int Enoent = 2;
    public const int Esrch = 3;
    public const int Eacces = 13;
    public const int Erange = 34;
    public const int AtFdCwd = -100;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendto(int fd, byte* buffer, nint length, int flags, byte* address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int open(byte* path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int openat(int dirFd, byte* path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    /// <summary>glibc 2.30+; fills linux_dirent64 records: ino u64, off i64, reclen u16, type u8, name.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial nint getdents64(int fd, byte* buffer, nint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint readlinkat(int dirFd, byte* path, byte* buffer, nint length);

    /// <summary>Follows a /proc/PID/fd/N link to the file itself (a socket's "system.sockprotoname").</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial nint getxattr(byte* path, byte* name, byte* value, nint size);

    [LibraryImport("libc")]
    public static partial uint geteuid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int clock_gettime(int clock, TimeSpec* time);

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
