using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux;

/// <summary>One socket fd looked at again, for <see cref="BoundOnlySockets"/>: no walk of its table.</summary>
internal sealed unsafe partial class ProcFdScanner
{
    public long SocketInodeAt(int pid, int fd) => Math.Max(0, LinkNumber(FdPath(pid, fd), SocketPrefix));

    public SocketKind KindOf(int pid, int fd, long inode)
    {
        var path = FdPath(pid, fd);
        if (Math.Max(0, LinkNumber(path, SocketPrefix)) != inode)
        {
            return SocketKind.Gone; // closed since the walk (the fd may hold another file now)
        }

        // sockfs names each socket's protocol: "TCP", "TCPv6", "MPTCP", "UNIX-STREAM", "UDP", "NETLINK", ...
        Span<byte> name = stackalloc byte[32];
        fixed (byte* pathPointer = path)
        fixed (byte* attribute = "system.sockprotoname\0"u8)
        fixed (byte* value = name)
        {
            var length = Libc.getxattr(pathPointer, attribute, value, name.Length);
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

    public long NetnsOf(int pid) => LinkNumber(ProcPath($"{pid}/ns/net"), "net:["u8);

    /// <summary>
    /// The number in a /proc link's target "prefix[N]" ("socket:[N]", "net:[N]"); -1 when the link is gone
    /// (ENOENT/ESRCH: the fd closed or the process exited), 0 when unreadable or of another kind.
    /// </summary>
    private static long LinkNumber(byte[] path, ReadOnlySpan<byte> prefix)
    {
        Span<byte> link = stackalloc byte[64];
        fixed (byte* pathPointer = path)
        fixed (byte* linkPointer = link)
        {
            var length = Libc.readlinkat(Libc.AtFdCwd, pathPointer, linkPointer, link.Length);
            if (length < 0)
            {
                return Marshal.GetLastPInvokeError() is Libc.Enoent or Libc.Esrch ? -1 : 0;
            }

            return length > prefix.Length && link.StartsWith(prefix) ? Math.Max(0, ParseNumber(link[prefix.Length..(int)length])) : 0;
        }
    }

    private byte[] FdPath(int pid, int fd) => ProcPath($"{pid}/fd/{fd}");

    /// <summary>"{procRoot}/{relative}\0".</summary>
    private byte[] ProcPath(FormattableString relative) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_procRoot}/{relative.ToString(CultureInfo.InvariantCulture)}\0"));
}
