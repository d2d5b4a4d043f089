using System.Runtime.Versioning;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Whether `lo` is up in the calling thread's network namespace. A fresh namespace (`ip netns add`)
/// has it down: binding 127.0.0.1 then fails with EADDRNOTAVAIL, which must not read as exhaustion.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe class LoopbackInterface
{
    private const int AfInet = 2;
    private const int SockDgram = 2;
    private const nuint SiocGifFlags = 0x8913;
    private const short IffUp = 0x1;

    /// <summary>False when lo is down; true when up or when it cannot be told (the probe then speaks for itself).</summary>
    public static bool IsUp()
    {
        var fd = Libc.socket(AfInet, SockDgram | Libc.SockCloexec, 0);
        if (fd < 0)
        {
            return true;
        }

        try
        {
            // struct ifreq: char ifr_name[16], then a union whose first short is ifr_flags; 40 bytes in all.
            var request = stackalloc byte[40];
            new Span<byte>(request, 40).Clear();
            request[0] = (byte)'l';
            request[1] = (byte)'o';
            return Libc.Ioctl(fd, SiocGifFlags, (nint)request) != 0 || (*(short*)(request + 16) & IffUp) != 0;
        }
        finally
        {
            Libc.close(fd);
        }
    }

}
