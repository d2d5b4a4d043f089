using System.Buffers.Binary;
using PortDoctor.Core;

namespace PortDoctor.Evidence.Etw;

/// <summary>
/// Decodes an x64 EVENT_RECORD (evntcons.h), 112 bytes: EVENT_HEADER (80: Size u16, HeaderType u16,
/// Flags u16 @4, EventProperty u16, ThreadId u32 @8, ProcessId u32 @12, TimeStamp i64 @16, ProviderId
/// GUID @24, EVENT_DESCRIPTOR @40 {Id u16, Version u8 @42, Channel, Level, Opcode, Task u16, Keyword u64},
/// ProcessorTime u64 @56, ActivityId GUID @64), ETW_BUFFER_CONTEXT (4) @80, ExtendedDataCount u16 @84,
/// UserDataLength u16 @86, ExtendedData ptr @88, UserData ptr @96, UserContext ptr @104. All little-endian.
/// The time stamp is a FILETIME: ProcessTrace converts it unless PROCESS_TRACE_MODE_RAW_TIMESTAMP is set.
/// </summary>
public static class EtwEventRecord
{
    public const int Size = 112;

    private static readonly long MaxFileTime = DateTime.MaxValue.ToFileTimeUtc();

    /// <summary>EVENT_HEADER_FLAG_32_BIT_HEADER: the event came from a 32-bit process or system, its pointers are 4 bytes.</summary>
    public const ushort Flag32BitHeader = 0x0020;

    /// <summary>EVENT_HEADER_FLAG_64_BIT_HEADER.</summary>
    public const ushort Flag64BitHeader = 0x0040;

    public static EtwEventHeader Read(ReadOnlySpan<byte> record)
    {
        if (record.Length < Size)
        {
            throw new PortDoctorException($"EVENT_RECORD: {record.Length} bytes, expected {Size}");
        }

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(record[4..]);
        var fileTime = BinaryPrimitives.ReadInt64LittleEndian(record[16..]);
        return new EtwEventHeader(
            new Guid(record.Slice(24, 16)),
            BinaryPrimitives.ReadUInt16LittleEndian(record[40..]),
            record[42],
            BinaryPrimitives.ReadUInt32LittleEndian(record[12..]),
            BinaryPrimitives.ReadUInt32LittleEndian(record[8..]),
            fileTime > 0 && fileTime <= MaxFileTime ? new DateTimeOffset(DateTime.FromFileTimeUtc(fileTime)) : DateTimeOffset.UnixEpoch,
            (flags & Flag32BitHeader) != 0 ? 4 : 8,
            BinaryPrimitives.ReadUInt16LittleEndian(record[86..]),
            BinaryPrimitives.ReadUInt64LittleEndian(record[96..]),
            BinaryPrimitives.ReadUInt64LittleEndian(record[104..]));
    }
}
