using System.Buffers.Binary;
using System.Net;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Windows;
using PortDoctor.Platform.Linux;

namespace PortDoctor.Platform.Windows;

/// <summary>
/// Pure decoders of the tables GetExtendedTcpTable/GetExtendedUdpTable fill, over the bytes as
/// they lie in memory, so they run (and are tested) on any OS. Layouts (iphlpapi, all DWORDs
/// little-endian, rows 4-byte aligned right after the DWORD entry count):
/// <list type="bullet">
/// <item>MIB_TCPROW_OWNER_PID (24): state, localAddr, localPort, remoteAddr, remotePort, pid.</item>
/// <item>MIB_TCP6ROW_OWNER_PID (56): localAddr[16], localScopeId, localPort, remoteAddr[16], remoteScopeId, remotePort, state, pid.</item>
/// <item>MIB_UDPROW_OWNER_PID (12): localAddr, localPort, pid.</item>
/// <item>MIB_UDP6ROW_OWNER_PID (28): localAddr[16], localScopeId, localPort, pid.</item>
/// </list>
/// Addresses are in network order (bytes as on the wire). A port is in network order in the low
/// 16 bits of its DWORD, i.e. its first two bytes big-endian; the upper two bytes are undefined
/// and ignored.
/// </summary>
internal static class IpHelperTableDecoder
{
    public const int TcpRowSize = 24;
    public const int Tcp6RowSize = 56;
    public const int UdpRowSize = 12;
    public const int Udp6RowSize = 28;

    public static IReadOnlyList<SocketEntry> DecodeTcp4(ReadOnlySpan<byte> table) =>
        Decode(table, TcpRowSize, static (row, text) =>
        {
            var state = ToSocketState(ReadDword(row, 0));
            var local = new Endpoint(V4(text, row.Slice(4, 4)), ReadPort(row, 8));
            var remote = state == SocketState.Listen
                ? Endpoint.AnyV4
                : new Endpoint(V4(text, row.Slice(12, 4)), ReadPort(row, 16));
            return new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, state, local, remote) { Pid = Owner(row, 20) };
        });

    public static IReadOnlyList<SocketEntry> DecodeTcp6(ReadOnlySpan<byte> table) =>
        Decode(table, Tcp6RowSize, static (row, text) =>
        {
            var state = ToSocketState(ReadDword(row, 48));
            var local = new Endpoint(V6(text, row[..16], ReadDword(row, 16)), ReadPort(row, 20));
            var remote = state == SocketState.Listen
                ? Endpoint.AnyV6
                : new Endpoint(V6(text, row.Slice(24, 16), ReadDword(row, 40)), ReadPort(row, 44));
            return new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv6, state, local, remote) { Pid = Owner(row, 52) };
        });

    public static IReadOnlyList<SocketEntry> DecodeUdp4(ReadOnlySpan<byte> table) =>
        Decode(table, UdpRowSize, static (row, text) =>
            new SocketEntry(
                TransportProtocol.Udp,
                IpFamily.IPv4,
                SocketState.Unconnected,
                new Endpoint(V4(text, row[..4]), ReadPort(row, 4)),
                Endpoint.AnyV4)
            { Pid = Owner(row, 8) });

    public static IReadOnlyList<SocketEntry> DecodeUdp6(ReadOnlySpan<byte> table) =>
        Decode(table, Udp6RowSize, static (row, text) =>
            new SocketEntry(
                TransportProtocol.Udp,
                IpFamily.IPv6,
                SocketState.Unconnected,
                new Endpoint(V6(text, row[..16], ReadDword(row, 16)), ReadPort(row, 20)),
                Endpoint.AnyV6)
            { Pid = Owner(row, 24) });

    /// <summary>MIB_TCP_STATE 1..12 (CLOSED..DELETE_TCB); anything else is Unknown (100 never occurs in these tables).</summary>
    public static SocketState ToSocketState(uint state) =>
        state == WindowsTcpStates.NetTcpConnectionBound ? SocketState.Unknown : WindowsTcpStates.FromNumber(state);

    private delegate SocketEntry RowDecoder(ReadOnlySpan<byte> row, AddressTextCache text);

    private static List<SocketEntry> Decode(ReadOnlySpan<byte> table, int rowSize, RowDecoder decode)
    {
        if (table.Length < 4)
        {
            throw new InvalidDataException($"an IP helper table needs at least 4 bytes, got {table.Length}");
        }

        var count = ReadDword(table, 0);
        long needed = 4 + ((long)count * rowSize);
        if (needed > table.Length)
        {
            throw new InvalidDataException(
                $"the table says {count} rows of {rowSize} bytes but holds only {table.Length} bytes");
        }

        // Thousands of rows share a handful of addresses: format each one once per table.
        var text = new AddressTextCache();
        var rows = new List<SocketEntry>((int)count);
        for (var i = 0; i < count; i++)
        {
            rows.Add(decode(table.Slice(4 + (i * rowSize), rowSize), text));
        }

        return rows;
    }

    private static uint ReadDword(ReadOnlySpan<byte> bytes, int offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);

    private static int ReadPort(ReadOnlySpan<byte> bytes, int offset) =>
        BinaryPrimitives.ReadUInt16BigEndian(bytes[offset..]);

    /// <summary>Windows reports TIME_WAIT and other orphans with PID 0: that means "no owner", not a process.</summary>
    private static int? Owner(ReadOnlySpan<byte> row, int offset)
    {
        var pid = ReadDword(row, offset);
        return pid == 0 ? null : (int)pid;
    }

    private static string V4(AddressTextCache text, ReadOnlySpan<byte> address) => text.Get(address);

    /// <summary>
    /// The scope id only means something for link- and site-local addresses; elsewhere it is noise
    /// (Wine reports 0xFFFFFFFF for v4-mapped peers), so it is dropped rather than printed as "%4294967295".
    /// </summary>
    private static string V6(AddressTextCache text, ReadOnlySpan<byte> address, uint scopeId)
    {
        // fe80::/10 (link-local) and fec0::/10 (site-local): the only ones a scope id belongs to.
        var scoped = address[0] == 0xfe && (address[1] & 0x80) == 0x80;
        if (scopeId == 0 || !scoped)
        {
            return text.Get(address);
        }

        return new IPAddress(address, scopeId).ToString();
    }
}
