using System.Buffers.Binary;
using System.Net;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Builds sock_diag requests and decodes the kernel's replies: pure functions over bytes, so
/// tests feed them hand-made messages. Netlink headers and inet_diag_msg counters are in host
/// byte order (little-endian here); ports and addresses inside inet_diag_sockid are network
/// order (big-endian).
/// </summary>
internal static class InetDiagDecoder
{
    public const int HeaderLength = 16;      // struct nlmsghdr
    public const int RequestLength = 16 + 56; // nlmsghdr + inet_diag_req_v2
    public const int BothFamiliesRequestLength = 16 + 60; // nlmsghdr + inet_diag_req (the legacy request)
    public const int MessageLength = 72;     // struct inet_diag_msg
    public const ushort SockDiagByFamily = 20;
    public const ushort TcpDiagGetSock = 18;
    public const ushort NlmsgError = 2;
    public const ushort NlmsgDone = 3;
    public const int AfInet = 2;
    public const int AfInet6 = 10;

    /// <summary>What one receive buffer held.</summary>
    public enum Status
    {
        More,
        Done,
        Error,
    }

    /// <summary>A dump of every socket of one protocol and family, in every state (mask all ones).</summary>
    public static void WriteDumpRequest(Span<byte> buffer, TransportProtocol protocol, IpFamily family, uint sequence)
    {
        buffer[..RequestLength].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, RequestLength);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[4..], SockDiagByFamily);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[6..], 0x1 | 0x300); // NLM_F_REQUEST | NLM_F_DUMP
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[8..], sequence);
        buffer[16] = (byte)(family == IpFamily.IPv4 ? AfInet : AfInet6);
        buffer[17] = (byte)(protocol == TransportProtocol.Tcp ? 6 : 17);
        // Every state bit, CLOSE included: that is what makes bound-only sockets appear.
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[20..], uint.MaxValue);
    }

    /// <summary>
    /// A request for the one socket with this 4-tuple (no NLM_F_DUMP: the kernel looks it up in its hash
    /// instead of walking its tables; inet_diag_find_one_icsk): the socket's message, or an error (ENOENT
    /// when there is none). Any cookie (INET_DIAG_NOCOOKIE) and interface 0. False when an address is not
    /// one of the socket's family.
    /// </summary>
    public static bool TryWriteLookUpRequest(Span<byte> buffer, SocketEntry socket, uint sequence)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var length = socket.Family == IpFamily.IPv4 ? 4 : 16;
        if (!IPAddress.TryParse(socket.Local.Address, out var local) || !IPAddress.TryParse(socket.Remote.Address, out var remote))
        {
            return false;
        }

        buffer[..RequestLength].Clear();
        if (!local.TryWriteBytes(buffer.Slice(16 + 12, 16), out var written) || written != length ||
            !remote.TryWriteBytes(buffer.Slice(16 + 28, 16), out written) || written != length)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(buffer, RequestLength);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[4..], SockDiagByFamily);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[6..], 0x1); // NLM_F_REQUEST
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[8..], sequence);
        buffer[16] = (byte)(socket.Family == IpFamily.IPv4 ? AfInet : AfInet6);
        buffer[17] = (byte)(socket.Protocol == TransportProtocol.Tcp ? 6 : 17);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[20..], uint.MaxValue); // every state
        BinaryPrimitives.WriteUInt16BigEndian(buffer[24..], (ushort)socket.Local.Port);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[26..], (ushort)socket.Remote.Port);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[64..], ulong.MaxValue); // INET_DIAG_NOCOOKIE, both halves
        return true;
    }

    /// <summary>
    /// The reply to <see cref="TryWriteLookUpRequest"/>: the inode of the socket the kernel has at that
    /// 4-tuple (0 for none, or one without an inode: a TIME_WAIT); null for any other error or a reply it cannot read.
    /// </summary>
    public static long? DecodeLookUpReply(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < HeaderLength)
        {
            return null;
        }

        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram);
        var type = BinaryPrimitives.ReadUInt16LittleEndian(datagram[4..]);
        if (length < HeaderLength || length > datagram.Length)
        {
            return null;
        }

        var payload = datagram[HeaderLength..length];
        return type switch
        {
            SockDiagByFamily when payload.Length >= MessageLength => BinaryPrimitives.ReadUInt32LittleEndian(payload[68..]),
            NlmsgError when payload.Length >= 4 && BinaryPrimitives.ReadInt32LittleEndian(payload) == -2 => 0, // ENOENT
            _ => null,
        };
    }

    /// <summary>
    /// A dump of every TCP socket of both families in one walk of the kernel's socket tables: the
    /// legacy TCPDIAG_GETSOCK request with a <c>struct inet_diag_req</c> (family byte, src/dst
    /// lengths, ext, the 48-byte sockid, states at 52, dbs at 56), which the kernel's compatibility
    /// path (inet_diag_dump_compat) turns into a dump of family AF_UNSPEC. Replies carry the
    /// request's type (18) and the same inet_diag_msg. No extensions asked for (ext 0).
    /// </summary>
    public static void WriteBothFamiliesTcpDumpRequest(Span<byte> buffer, uint sequence, uint states = TcpStates.All)
    {
        buffer[..BothFamiliesRequestLength].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, BothFamiliesRequestLength);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[4..], TcpDiagGetSock);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[6..], 0x1 | 0x300); // NLM_F_REQUEST | NLM_F_DUMP
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[(16 + 52)..], states);
    }

    /// <summary>State masks of a TCP dump (bit n asks for kernel state n).</summary>
    public static class TcpStates
    {
        /// <summary>Every state bit, CLOSE included, as in the per-family request: listening, bound-only and connected sockets.</summary>
        public const uint All = uint.MaxValue;

        /// <summary>TCP_BOUND_INACTIVE (13, Linux 6.10+): bound-only sockets, from a walk of the bind table; older kernels ignore it.</summary>
        public const uint BoundOnly = 1u << 13;

        /// <summary>Every state but bound-only: the bind table is not walked.</summary>
        public const uint AllButBoundOnly = All & ~BoundOnly;
    }

    /// <summary>
    /// Decodes every message in one datagram into <paramref name="into"/>. Error gives the
    /// positive errno in <paramref name="errno"/>.
    /// </summary>
    public static Status Decode(ReadOnlySpan<byte> datagram, TransportProtocol protocol, SocketRecall recall, List<SocketEntry> into, out int errno)
    {
        errno = 0;
        while (datagram.Length >= HeaderLength)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(datagram[4..]);
            if (length < HeaderLength || length > datagram.Length)
            {
                errno = 74; // EBADMSG: a truncated or corrupt reply
                return Status.Error;
            }

            var payload = datagram[HeaderLength..length];
            switch (type)
            {
                case NlmsgDone:
                    return Status.Done;
                case NlmsgError:
                    errno = payload.Length >= 4 ? -BinaryPrimitives.ReadInt32LittleEndian(payload) : 74;
                    if (errno == 0)
                    {
                        break; // an acknowledgement, not an error
                    }

                    return Status.Error;
                case SockDiagByFamily or TcpDiagGetSock when payload.Length >= MessageLength:
                    into.Add(recall.Decode(payload, protocol));
                    break;
                default:
                    break;
            }

            var aligned = (length + 3) & ~3;
            datagram = aligned >= datagram.Length ? [] : datagram[aligned..];
        }

        return Status.More;
    }

    /// <summary>Decodes one inet_diag_msg (offsets from linux/inet_diag.h).</summary>
    public static SocketEntry DecodeSocket(ReadOnlySpan<byte> message, TransportProtocol protocol, AddressTextCache addresses)
    {
        var family = message[0] == AfInet6 ? IpFamily.IPv6 : IpFamily.IPv4;
        int kernelState = message[1];
        int localPort = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        int remotePort = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        var addressLength = family == IpFamily.IPv4 ? 4 : 16;
        var local = addresses.Get(message.Slice(8, addressLength));
        var remote = addresses.Get(message.Slice(24, addressLength));
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(message[64..]);
        var inode = BinaryPrimitives.ReadUInt32LittleEndian(message[68..]);
        return new SocketEntry(
            protocol,
            family,
            LinuxSocketStates.ToSocketState(kernelState, protocol, localPort),
            new Endpoint(local, localPort),
            new Endpoint(remote, remotePort))
        {
            Inode = inode,
            Uid = (int)uid,
        };
    }
}
