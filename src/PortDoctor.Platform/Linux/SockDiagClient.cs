using System.Buffers;
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
    /// <summary>
    /// The kernel sizes each dump datagram by the largest receive asked for so far, up to 32 KiB less
    /// overhead (netlink_recvmsg): asking for more than that gets the fewest datagrams, so the fewest receives.
    /// </summary>
    private const int ReceiveBufferLength = 64 * 1024;

    /// <summary>
    /// Appends every socket of the protocol and family (null: TCP of both families, in one walk of the
    /// kernel's tables); false with errno when netlink is unusable or refuses the request.
    /// </summary>
    /// <param name="states">For TCP of both families: the states asked for (<see cref="InetDiagDecoder.TcpStates"/>).</param>
    public static bool TryDump(TransportProtocol protocol, IpFamily? family, SocketRecall recall, List<SocketEntry> into, out int errno, uint states = InetDiagDecoder.TcpStates.All)
    {
        if (family is null && protocol != TransportProtocol.Tcp)
        {
            throw new ArgumentException("only TCP has a dump of both families", nameof(protocol));
        }

        var fd = OpenSockDiag();
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return false;
        }

        try
        {
            return Exchange(fd, protocol, family, states, recall, into, out errno);
        }
        finally
        {
            _ = Libc.close(fd);
        }
    }

    /// <summary>
    /// Of these sockets (each listed by this namespace's last dump), the inodes of those the kernel no longer has
    /// at their 4-tuple: closed since, or another socket there now. One lookup each in the kernel's hash, over one
    /// netlink socket; a socket it cannot ask about, or an answer it cannot read, counts as still there.
    /// </summary>
    public static HashSet<long> Closed(IEnumerable<SocketEntry> sockets)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        var closed = new HashSet<long>();
        var fd = OpenSockDiag();
        if (fd < 0)
        {
            return closed;
        }

        try
        {
            Span<byte> request = stackalloc byte[InetDiagDecoder.RequestLength];
            Span<byte> reply = stackalloc byte[1024];
            Span<byte> kernel = stackalloc byte[KernelAddressLength];
            WriteKernelAddress(kernel);
            var sequence = 0u;
            foreach (var socket in sockets)
            {
                if (socket.Inode is not { } inode || inode <= 0 || !InetDiagDecoder.TryWriteLookUpRequest(request, socket, ++sequence))
                {
                    continue;
                }

                if (LookUp(fd, request, kernel, reply) is { } found && found != inode)
                {
                    closed.Add(inode);
                }
            }
        }
        finally
        {
            _ = Libc.close(fd);
        }

        return closed;
    }

    /// <summary>One lookup's answer (<see cref="InetDiagDecoder.DecodeLookUpReply"/>); null when the exchange failed.</summary>
    private static long? LookUp(int fd, ReadOnlySpan<byte> request, ReadOnlySpan<byte> kernel, Span<byte> reply)
    {
        fixed (byte* requestPointer = request)
        fixed (byte* kernelPointer = kernel)
        fixed (byte* replyPointer = reply)
        {
            if (Libc.sendto(fd, requestPointer, request.Length, 0, kernelPointer, kernel.Length) < 0)
            {
                return null;
            }

            nint received;
            do
            {
                received = Libc.recv(fd, replyPointer, reply.Length, 0);
            }
            while (received < 0 && Marshal.GetLastPInvokeError() == Libc.Eintr);
            return received <= 0 ? null : InetDiagDecoder.DecodeLookUpReply(reply[..(int)received]);
        }
    }

    private const int KernelAddressLength = 12;

    private static int OpenSockDiag() => Libc.socket(Libc.AfNetlink, Libc.SockRaw | Libc.SockCloexec, Libc.NetlinkSockDiag);

    /// <summary>struct sockaddr_nl { sa_family_t nl_family; unsigned short pad; u32 nl_pid; u32 nl_groups }: pid 0 = the kernel.</summary>
    private static void WriteKernelAddress(Span<byte> address)
    {
        address.Clear();
        address[0] = Libc.AfNetlink;
    }

    private static bool Exchange(int fd, TransportProtocol protocol, IpFamily? family, uint states, SocketRecall recall, List<SocketEntry> into, out int errno)
    {
        Span<byte> request = stackalloc byte[Math.Max(InetDiagDecoder.RequestLength, InetDiagDecoder.BothFamiliesRequestLength)];
        if (family is { } one)
        {
            request = request[..InetDiagDecoder.RequestLength];
            InetDiagDecoder.WriteDumpRequest(request, protocol, one, sequence: 1);
        }
        else
        {
            request = request[..InetDiagDecoder.BothFamiliesRequestLength];
            InetDiagDecoder.WriteBothFamiliesTcpDumpRequest(request, sequence: 1, states);
        }

        Span<byte> kernel = stackalloc byte[KernelAddressLength];
        WriteKernelAddress(kernel);
        fixed (byte* requestPointer = request)
        fixed (byte* kernelPointer = kernel)
        {
            if (Libc.sendto(fd, requestPointer, request.Length, 0, kernelPointer, kernel.Length) < 0)
            {
                errno = Marshal.GetLastPInvokeError();
                return false;
            }
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferLength);
        try
        {
            return Receive(fd, buffer, protocol, recall, into, out errno);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool Receive(int fd, byte[] buffer, TransportProtocol protocol, SocketRecall recall, List<SocketEntry> into, out int errno)
    {
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

                var status = InetDiagDecoder.Decode(buffer.AsSpan(0, (int)received), protocol, recall, into, out errno);
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
