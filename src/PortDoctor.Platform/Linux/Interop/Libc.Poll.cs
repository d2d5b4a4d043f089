using System.Runtime.InteropServices;

namespace PortDoctor.Platform.Linux.Interop;

/// <summary>
/// Non-blocking reads with poll: trace_pipe blocks a plain read until an event comes, and a
/// blocked read cannot be woken for a deadline or Ctrl+C.
/// </summary>
internal static unsafe partial class Libc
{
    public const int ONonblock = 0x800;
    public const int Eagain = 11;
    public const short PollIn = 1;

    public static int OpenFile(string path, int flags)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
        {
            return open(p, flags);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeoutMs);

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
