using System.Buffers.Binary;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

public class InetDiagDecoderTests
{
    /// <summary>nlmsghdr + inet_diag_msg as the kernel lays them out (host order, ports/addresses big-endian).</summary>
    private static byte[] SocketMessage(byte family, byte state, ushort localPort, ushort remotePort, byte[] local, byte[] remote, uint uid, uint inode)
    {
        var message = new byte[InetDiagDecoder.HeaderLength + InetDiagDecoder.MessageLength + 8]; // + one 8-byte attribute we ignore
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), InetDiagDecoder.SockDiagByFamily);
        var body = message.AsSpan(InetDiagDecoder.HeaderLength);
        body[0] = family;
        body[1] = state;
        BinaryPrimitives.WriteUInt16BigEndian(body[4..], localPort);
        BinaryPrimitives.WriteUInt16BigEndian(body[6..], remotePort);
        local.CopyTo(body[8..]);
        remote.CopyTo(body[24..]);
        BinaryPrimitives.WriteUInt32LittleEndian(body[64..], uid);
        BinaryPrimitives.WriteUInt32LittleEndian(body[68..], inode);
        return message;
    }

    private static byte[] Control(ushort type, int error = 0)
    {
        var message = new byte[type == InetDiagDecoder.NlmsgError ? 36 : 20];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), type);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(16), error);
        return message;
    }

    private static InetDiagDecoder.Status Decode(byte[] datagram, TransportProtocol protocol, List<SocketEntry> into, out int errno) =>
        InetDiagDecoder.Decode(datagram, protocol, new SocketRecall(), into, out errno);

    [Fact]
    public void An_IPv4_established_socket_decodes_with_big_endian_ports_and_host_order_inode()
    {
        var datagram = SocketMessage(2, 1, 0xC350, 443, [10, 0, 0, 5], [93, 184, 216, 34], 1000, 0x01020304);
        var sockets = new List<SocketEntry>();
        Assert.Equal(InetDiagDecoder.Status.More, Decode(datagram, TransportProtocol.Tcp, sockets, out _));
        var socket = Assert.Single(sockets);
        Assert.Equal(SocketState.Established, socket.State);
        Assert.Equal(new Endpoint("10.0.0.5", 50000), socket.Local);
        Assert.Equal(new Endpoint("93.184.216.34", 443), socket.Remote);
        Assert.Equal(1000, socket.Uid);
        Assert.Equal(0x01020304, socket.Inode);
        Assert.Equal(IpFamily.IPv4, socket.Family);
    }

    [Fact]
    public void Several_messages_in_one_datagram_then_done()
    {
        var v6 = new byte[16];
        v6[15] = 1;
        var datagram = SocketMessage(10, 10, 8080, 0, v6, new byte[16], 0, 7)
            .Concat(SocketMessage(2, 7, 40000, 0, [127, 0, 0, 1], [0, 0, 0, 0], 0, 8))
            .Concat(SocketMessage(2, 7, 0, 0, [0, 0, 0, 0], [0, 0, 0, 0], 0, 9))
            .Concat(Control(InetDiagDecoder.NlmsgDone))
            .ToArray();
        var sockets = new List<SocketEntry>();
        Assert.Equal(InetDiagDecoder.Status.Done, Decode(datagram, TransportProtocol.Tcp, sockets, out _));
        Assert.Equal(3, sockets.Count);
        Assert.Equal(new Endpoint("::1", 8080), sockets[0].Local);
        Assert.Equal(SocketState.Listen, sockets[0].State);
        Assert.Equal(IpFamily.IPv6, sockets[0].Family);
        Assert.Equal(SocketState.Bound, sockets[1].State);   // CLOSE with a port
        Assert.Equal(SocketState.Closed, sockets[2].State);  // CLOSE without one
    }

    [Fact]
    public void Udp_close_is_unconnected()
    {
        var sockets = new List<SocketEntry>();
        Decode(SocketMessage(2, 7, 53, 0, [127, 0, 0, 53], [0, 0, 0, 0], 101, 5), TransportProtocol.Udp, sockets, out _);
        Assert.Equal(SocketState.Unconnected, Assert.Single(sockets).State);
    }

    [Fact]
    public void A_netlink_error_gives_its_errno()
    {
        var sockets = new List<SocketEntry>();
        Assert.Equal(InetDiagDecoder.Status.Error, Decode(Control(InetDiagDecoder.NlmsgError, -2), TransportProtocol.Tcp, sockets, out var errno));
        Assert.Equal(2, errno);
    }

    [Fact]
    public void A_truncated_message_is_an_error_not_garbage()
    {
        var datagram = SocketMessage(2, 1, 1, 2, [1, 2, 3, 4], [5, 6, 7, 8], 0, 1)[..40];
        var sockets = new List<SocketEntry>();
        Assert.Equal(InetDiagDecoder.Status.Error, Decode(datagram, TransportProtocol.Tcp, sockets, out var errno));
        Assert.Equal(74, errno);
        Assert.Empty(sockets);
    }

    [Fact]
    public void The_dump_request_asks_for_every_state_of_one_family_and_protocol()
    {
        var request = new byte[InetDiagDecoder.RequestLength];
        InetDiagDecoder.WriteDumpRequest(request, TransportProtocol.Udp, IpFamily.IPv6, 9);
        Assert.Equal(72u, BinaryPrimitives.ReadUInt32LittleEndian(request));
        Assert.Equal(20, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(4)));
        Assert.Equal(0x301, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(6)));
        Assert.Equal(9u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8)));
        Assert.Equal(10, request[16]);
        Assert.Equal(17, request[17]);
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(20)));
    }

    [Fact]
    public void The_both_families_request_is_the_legacy_tcp_request_with_every_state_and_no_extension()
    {
        var request = new byte[InetDiagDecoder.BothFamiliesRequestLength];
        InetDiagDecoder.WriteBothFamiliesTcpDumpRequest(request, 5);
        Assert.Equal(76u, BinaryPrimitives.ReadUInt32LittleEndian(request));
        Assert.Equal(18, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(4))); // TCPDIAG_GETSOCK
        Assert.Equal(0x301, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(6)));
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8)));
        Assert.Equal(0, request[16]); // family: ignored by the dump, which is AF_UNSPEC
        Assert.Equal(0, request[19]); // idiag_ext: no extensions
        Assert.All(request[20..68], b => Assert.Equal(0, b)); // the sockid: no filter
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(68)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(72)));
    }

    [Fact]
    public void Replies_to_the_legacy_request_carry_its_type_and_decode_alike()
    {
        var v4 = SocketMessage(2, 1, 40000, 80, [127, 0, 0, 1], [127, 0, 0, 2], 0, 11);
        var v6 = SocketMessage(10, 6, 40001, 443, new byte[16], new byte[16], 0, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(v4.AsSpan(4), InetDiagDecoder.TcpDiagGetSock);
        BinaryPrimitives.WriteUInt16LittleEndian(v6.AsSpan(4), InetDiagDecoder.TcpDiagGetSock);
        var sockets = new List<SocketEntry>();
        Assert.Equal(InetDiagDecoder.Status.Done, Decode([.. v4, .. v6, .. Control(InetDiagDecoder.NlmsgDone)], TransportProtocol.Tcp, sockets, out _));
        Assert.Equal([IpFamily.IPv4, IpFamily.IPv6], sockets.Select(s => s.Family));
        Assert.Equal([SocketState.Established, SocketState.TimeWait], sockets.Select(s => s.State));
        Assert.Equal(11, sockets[0].Inode);
    }
    [Fact]
    public void The_lookup_request_names_one_socket_by_its_4_tuple_with_any_cookie_and_no_dump_flag()
    {
        var request = new byte[InetDiagDecoder.RequestLength];
        var v4 = new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established, new Endpoint("10.0.0.5", 50000), new Endpoint("192.0.2.1", 443)) { Inode = 7 };
        Assert.True(InetDiagDecoder.TryWriteLookUpRequest(request, v4, 3));
        Assert.Equal(72u, BinaryPrimitives.ReadUInt32LittleEndian(request));
        Assert.Equal(20, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(4)));
        Assert.Equal(0x1, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(6))); // NLM_F_REQUEST, no NLM_F_DUMP
        Assert.Equal((2, 6), (request[16], request[17]));
        Assert.Equal((50000, 443), (BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(24)), BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(26))));
        Assert.Equal(new byte[] { 10, 0, 0, 5 }, request[28..32]);
        Assert.Equal(new byte[] { 192, 0, 2, 1 }, request[44..48]);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(60))); // interface
        Assert.Equal(ulong.MaxValue, BinaryPrimitives.ReadUInt64LittleEndian(request.AsSpan(64))); // INET_DIAG_NOCOOKIE

        var v6 = v4 with { Family = IpFamily.IPv6, Local = new Endpoint("::ffff:10.0.0.5", 50000), Remote = new Endpoint("2001:db8::1", 443) };
        Assert.True(InetDiagDecoder.TryWriteLookUpRequest(request, v6, 4));
        Assert.Equal(10, request[16]);
        Assert.Equal(System.Net.IPAddress.Parse("2001:db8::1").GetAddressBytes(), request[44..60]);
        Assert.False(InetDiagDecoder.TryWriteLookUpRequest(request, v4 with { Remote = new Endpoint("2001:db8::1", 443) }, 5)); // not its family
        Assert.False(InetDiagDecoder.TryWriteLookUpRequest(request, v4 with { Remote = new Endpoint("host.example", 443) }, 6));
    }

    [Fact]
    public void The_lookup_reply_gives_the_inode_there_none_for_enoent_and_nothing_for_other_errors()
    {
        Assert.Equal(11, InetDiagDecoder.DecodeLookUpReply(SocketMessage(2, 1, 40000, 80, [127, 0, 0, 1], [127, 0, 0, 2], 0, 11)));
        Assert.Equal(0, InetDiagDecoder.DecodeLookUpReply(Control(InetDiagDecoder.NlmsgError, -2)));
        Assert.Null(InetDiagDecoder.DecodeLookUpReply(Control(InetDiagDecoder.NlmsgError, -1)));
        Assert.Null(InetDiagDecoder.DecodeLookUpReply(SocketMessage(2, 1, 40000, 80, [127, 0, 0, 1], [127, 0, 0, 2], 0, 11)[..40]));
    }
}
