using System.Buffers.Binary;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Windows;
using Xunit;

namespace PortDoctor.Platform.Tests.Windows;

/// <summary>Builds tables byte by byte per the documented MIB_*_OWNER_PID layouts and decodes them.</summary>
public class IpHelperTableDecoderTests
{
    // The upper half of a port DWORD is undefined: fill it with junk to prove it is ignored.
    private const ushort Junk = 0xBEEF;

    private static byte[] Table(int rowSize, int rows)
    {
        var bytes = new byte[4 + (rowSize * rows)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)rows);
        return bytes;
    }

    private static void Dword(byte[] b, int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(offset), value);

    private static void Port(byte[] b, int offset, int port)
    {
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(offset), (ushort)port);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(offset + 2), Junk);
    }

    private static void Bytes(byte[] b, int offset, params byte[] value) => value.CopyTo(b, offset);

    [Fact]
    public void Decodes_ipv4_tcp_rows_with_ports_in_network_order()
    {
        var t = Table(24, 2);
        // Row 0: 10.1.2.3:50000 -> 192.168.7.9:443 ESTABLISHED, pid 4242.
        Dword(t, 4, 5);
        Bytes(t, 8, 10, 1, 2, 3);
        Port(t, 12, 50000);
        Bytes(t, 16, 192, 168, 7, 9);
        Port(t, 20, 443);
        Dword(t, 24, 4242);
        // Row 1: 0.0.0.0:135 LISTEN, remote port junk, pid 1000.
        Dword(t, 28, 2);
        Port(t, 36, 135);
        Port(t, 44, 12345);
        Dword(t, 48, 1000);

        var rows = IpHelperTableDecoder.DecodeTcp4(t);

        Assert.Equal(2, rows.Count);
        Assert.Equal(
            new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established, new("10.1.2.3", 50000), new("192.168.7.9", 443)) { Pid = 4242 },
            rows[0]);
        Assert.Equal(SocketState.Listen, rows[1].State);
        Assert.Equal(new Endpoint("0.0.0.0", 135), rows[1].Local);
        Assert.Equal(Endpoint.AnyV4, rows[1].Remote);
        Assert.Equal(1000, rows[1].Pid);
    }

    [Fact]
    public void Decodes_ipv6_tcp_rows_with_scope_ids()
    {
        var t = Table(56, 1);
        var o = 4;
        Bytes(t, o, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        Dword(t, o + 16, 7);
        Port(t, o + 20, 60001);
        Bytes(t, o + 24, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x2a);
        Dword(t, o + 40, 0xFFFFFFFF); // noise on a global address: dropped
        Port(t, o + 44, 8080);
        Dword(t, o + 48, 11);
        Dword(t, o + 52, 0);

        var row = Assert.Single(IpHelperTableDecoder.DecodeTcp6(t));

        Assert.Equal(new Endpoint("fe80::1%7", 60001), row.Local);
        Assert.Equal(new Endpoint("2001:db8::2a", 8080), row.Remote);
        Assert.Equal(SocketState.TimeWait, row.State);
        Assert.Null(row.Pid); // PID 0 means "no owner" (TIME_WAIT), never process 0.
    }

    [Fact]
    public void Decodes_udp_tables_for_both_families()
    {
        var v4 = Table(12, 1);
        Bytes(v4, 4, 127, 0, 0, 1);
        Port(v4, 8, 53);
        Dword(v4, 12, 321);
        var v6 = Table(28, 1);
        v6[4 + 15] = 1; // ::1
        Port(v6, 4 + 20, 5353);
        Dword(v6, 4 + 24, 654);

        var udp4 = Assert.Single(IpHelperTableDecoder.DecodeUdp4(v4));
        var udp6 = Assert.Single(IpHelperTableDecoder.DecodeUdp6(v6));

        Assert.Equal(
            new SocketEntry(TransportProtocol.Udp, IpFamily.IPv4, SocketState.Unconnected, new("127.0.0.1", 53), Endpoint.AnyV4) { Pid = 321 },
            udp4);
        Assert.Equal(
            new SocketEntry(TransportProtocol.Udp, IpFamily.IPv6, SocketState.Unconnected, new("::1", 5353), Endpoint.AnyV6) { Pid = 654 },
            udp6);
    }

    [Theory]
    [InlineData(1u, SocketState.Closed)]
    [InlineData(2u, SocketState.Listen)]
    [InlineData(3u, SocketState.SynSent)]
    [InlineData(4u, SocketState.SynReceived)]
    [InlineData(5u, SocketState.Established)]
    [InlineData(6u, SocketState.FinWait1)]
    [InlineData(7u, SocketState.FinWait2)]
    [InlineData(8u, SocketState.CloseWait)]
    [InlineData(9u, SocketState.Closing)]
    [InlineData(10u, SocketState.LastAck)]
    [InlineData(11u, SocketState.TimeWait)]
    [InlineData(12u, SocketState.DeleteTcb)]
    [InlineData(0u, SocketState.Unknown)]
    [InlineData(13u, SocketState.Unknown)]
    public void Maps_every_mib_tcp_state(uint native, SocketState expected) =>
        Assert.Equal(expected, IpHelperTableDecoder.ToSocketState(native));

    [Fact]
    public void An_empty_table_decodes_to_no_rows() =>
        Assert.Empty(IpHelperTableDecoder.DecodeTcp4(Table(24, 0)));

    [Fact]
    public void A_table_shorter_than_its_count_is_refused()
    {
        var t = Table(24, 2);
        Assert.Throws<InvalidDataException>(() => IpHelperTableDecoder.DecodeTcp4(t.AsSpan(0, t.Length - 1).ToArray()));
        Assert.Throws<InvalidDataException>(() => IpHelperTableDecoder.DecodeUdp4(new byte[3]));
    }
}
