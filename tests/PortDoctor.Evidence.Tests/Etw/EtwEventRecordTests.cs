using PortDoctor.Core;
using PortDoctor.Evidence.Etw;
using Xunit;

namespace PortDoctor.Evidence.Tests.Etw;

/// <summary>An x64 EVENT_RECORD written out as bytes at evntcons.h's offsets, decoded field by field.</summary>
public sealed class EtwEventRecordTests
{
    // EVENT_HEADER: Size 0x50, HeaderType 0, Flags 0x0040 (64-bit), EventProperty 0, ThreadId 0x1234,
    // ProcessId 4242, TimeStamp FILETIME 2026-01-02 03:04:05Z, ProviderId Winsock-AFD, EventDescriptor
    // {Id 1030, Version 2, Channel 0x10, Level 4, Opcode 0, Task 0x0406, Keyword 0x8000000000000001},
    // ProcessorTime 0, ActivityId 0; BufferContext {cpu 1, 0, logger 0x22}, ExtendedDataCount 0,
    // UserDataLength 40, ExtendedData 0, UserData 0x000001F0_12345678, UserContext 0x000001F0_0000BEEF.
    private const string Record =
        "5000 0000 4000 0000 34120000 92100000 80004074947BDC01"
        + " 23683CE5B87BBB4490DC3F86090D48A6"
        + " 0604 02 10 04 00 0604 0100000000000080"
        + " 0000000000000000 00000000000000000000000000000000"
        + " 01002200 0000 2800 0000000000000000 78563412F0010000 EFBE0000F0010000";

    [Fact]
    public void Every_field_the_decoders_need_is_read_at_its_offset()
    {
        var header = EtwEventRecord.Read(Bytes(Record));

        Assert.Equal(EtwPortEvents.AfdProvider, header.Provider);
        Assert.Equal((1030, 2, 4242u, 0x1234u), (header.EventId, header.Version, header.ProcessId, header.ThreadId));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), header.At);
        Assert.Equal((8, 40), (header.PointerSize, header.UserDataLength));
        Assert.Equal((0x000001F0_12345678ul, 0x000001F0_0000BEEFul), (header.UserData, header.UserContext));
    }

    [Fact]
    public void The_32_bit_header_flag_means_4_byte_pointers_in_the_payload()
    {
        var bytes = Bytes(Record);
        bytes[4] = 0x20;

        Assert.Equal(4, EtwEventRecord.Read(bytes).PointerSize);
    }

    [Fact]
    public void A_short_record_is_bad_input_and_a_zero_time_stamp_is_the_epoch()
    {
        var error = Assert.Throws<PortDoctorException>(() => EtwEventRecord.Read(new byte[80]));
        Assert.Equal("EVENT_RECORD: 80 bytes, expected 112", error.Message);

        var bytes = Bytes(Record);
        bytes.AsSpan(16, 8).Clear();
        Assert.Equal(DateTimeOffset.UnixEpoch, EtwEventRecord.Read(bytes).At);
    }

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
