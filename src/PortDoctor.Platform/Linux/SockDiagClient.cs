using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Dumps sockets through netlink NETLINK_SOCK_DIAG (inet_diag), the interface `ss` uses.
/// Sees the network namespace of the calling process.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe class SockDiagClient
{
    private const int ReceiveBufferLength = 64 * 1024;

    /// <summary>Appends every socket of the protocol and family; false with errno when netlink is unusable.</summary>
    public static bool TryDump(TransportProtocol protocol, IpFamily family, AddressTextCache addresses, List<SocketEntry> into, out int errno)
    {
        var fd = Libc.socket(Libc.AfNetlink, Libc.SockRaw | Libc.SockCloexec, Libc.NetlinkSockDiag);
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return false;
        }

        try
        {
            return Exchange(fd, protocol, family, addresses, into, out errno);
        }
        finally
        {
            _ = Libc.close(fd);
        }
    }

    private static bool Exchange(int fd, TransportProtocol protocol, IpFamily family, AddressTextCache addresses, List<SocketEntry> into, out int errno)
    {
        Span<byte> request = stackalloc byte[InetDiagDecoder.RequestLength];
        InetDiagDecoder.WriteDumpRequest(request, protocol, family, sequence: 1);
        // struct sockaddr_nl { sa_family_t nl_family; unsigned short pad; u32 nl_pid; u32 nl_groups }: pid 0 = the kernel.
        Span<byte> kernel = stackalloc byte[12];
        kernel.Clear();
        kernel[0] = Libc.AfNetlink;
        fixed (byte* requestPointer = request)
        fixed (byte* kernelPointer = kernel)
        {
            if (Libc.sendto(fd, requestPointer, request.Length, 0, kernelPointer, kernel.Length) < 0)
            {
                errno = Marshal.GetLastPInvokeError();
                return false;
            }
        }

        var buffer = new byte[ReceiveBufferLength];
        fixed (byte* bufferPointer = buffer)
        {
            while (true)
            {
                var received = Libc.recv(fd, bufferPointer, buffer.Length, 0);
                if (received < 0)
                {
                    errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.Eintr)
                    {
                        continue;
                    }

                    return false;
                }

                if (received == 0)
                {
                    errno = 0;
                    return true;
                }

                var status = InetDiagDecoder.Decode(buffer.AsSpan(0, (int)received), protocol, addresses, into, out errno);
                if (status == InetDiagDecoder.Status.Done)
                {
                    return true;
                }

                if (status == InetDiagDecoder.Status.Error)
                {
                    return false;
                }
            }
        }
    }
}
