using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux;

/// <summary>One socket fd looked at again, for <see cref="BoundOnlySockets"/>: no walk of its table.</summary>
internal sealed unsafe partial class ProcFdScanner
{
    public long SocketInodeAt(int pid, int fd)
    {
        Span<byte> link = stackalloc byte[64];
        fixed (byte* path = FdPath(pid, fd))
        fixed (byte* linkPointer = link)
        {
            var length = Libc.readlinkat(Libc.AtFdCwd, path, linkPointer, link.Length);
            return length > SocketPrefix.Length && link.StartsWith(SocketPrefix) ? Math.Max(0, ParseNumber(link[SocketPrefix.Length..(int)length])) : 0;
        }
    }

    public SocketKind KindOf(int pid, int fd, long inode)
    {
        if (SocketInodeAt(pid, fd) != inode)
        {
            return SocketKind.Gone; // closed since the walk (the fd may hold another file now)
        }

        // sockfs names each socket's protocol: "TCP", "TCPv6", "MPTCP", "UNIX-STREAM", "UDP", "NETLINK", ...
        Span<byte> name = stackalloc byte[32];
        fixed (byte* path = FdPath(pid, fd))
        fixed (byte* attribute = "system.sockprotoname\0"u8)
        fixed (byte* value = name)
        {
            var length = Libc.getxattr(path, attribute, value, name.Length);
            if (length < 0)
            {
                return Marshal.GetLastPInvokeError() switch
                {
                    Libc.Enoent or Libc.Esrch => SocketKind.Gone,
                    _ => SocketKind.Unknown, // a name longer than any known, or no such attribute: not ruled out
                };
            }

            return name[..(int)length].IndexOf("TCP"u8) >= 0 ? SocketKind.Tcp : SocketKind.Other;
        }
    }

    public long NetnsOf(int pid)
    {
        Span<byte> link = stackalloc byte[64];
        fixed (byte* path = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_procRoot}/{pid}/ns/net\0")))
        fixed (byte* linkPointer = link)
        {
            var length = Libc.readlinkat(Libc.AtFdCwd, path, linkPointer, link.Length);
            if (length < 0)
            {
                return Marshal.GetLastPInvokeError() is Libc.Enoent or Libc.Esrch ? -1 : 0;
            }

            return length > NetPrefix.Length && link.StartsWith(NetPrefix) ? Math.Max(0, ParseNumber(link[NetPrefix.Length..(int)length])) : 0;
        }
    }

    private static ReadOnlySpan<byte> NetPrefix => "net:["u8;

    /// <summary>"{procRoot}/{pid}/fd/{fd}\0".</summary>
    private byte[] FdPath(int pid, int fd) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_procRoot}/{pid}/fd/{fd}\0"));
}
