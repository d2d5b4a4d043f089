using System.Buffers.Binary;
using System.Net;
using PortDoctor.Core;

namespace PortDoctor.Evidence.Etw;

/// <summary>
/// Reads an ETW event's user data in manifest order: little-endian integers, pointers of the
/// capture's size (8 on x64, 4 on x86), and SOCKADDR blobs (family little-endian, port big-endian).
/// A payload shorter than its fields is bad input naming the event and the field.
/// </summary>
internal ref struct EtwPayloadReader(ReadOnlySpan<byte> payload, int pointerSize, string eventName)
{
    private readonly ReadOnlySpan<byte> _payload = payload;
    private int _offset;

    public uint UInt32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public ulong UInt64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    public ulong Pointer(string field) => pointerSize == 8 ? UInt64(field) : UInt32(field);

    /// <summary>A length-prefixed (UInt32) sockaddr, as TCPIP and AFD write addresses; null when it is neither IPv4 nor IPv6.</summary>
    public IPEndPoint? SocketAddress(string field)
    {
        var length = (int)UInt32(field + "Length");
        return Sockaddr(Take(length, field));
    }

    public static IPEndPoint? Sockaddr(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8)
        {
            return null;
        }

        var family = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        var port = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        return family switch
        {
            2 => new IPEndPoint(new IPAddress(bytes.Slice(4, 4)), port),
            23 when bytes.Length >= 28 => new IPEndPoint(new IPAddress(bytes.Slice(8, 16), BinaryPrimitives.ReadUInt32LittleEndian(bytes[24..])), port),
            _ => null,
        };
    }

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || _offset + count > _payload.Length)
        {
            throw new PortDoctorException($"{eventName}: payload of {_payload.Length} bytes ends before {field} (offset {_offset}, {count} bytes)");
        }

        var slice = _payload.Slice(_offset, count);
        _offset += count;
        return slice;
    }
}
