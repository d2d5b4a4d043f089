using System.Buffers.Binary;
using PortDoctor.Platform.Windows.Etw;
using Xunit;

namespace PortDoctor.Platform.Tests.Windows;

/// <summary>The x64 ETW structures handed to advapi32, checked byte by byte against evntrace.h's offsets.</summary>
public sealed class EtwNativeLayoutTests
{
    [Fact]
    public void Session_properties_are_a_real_time_session_with_room_for_both_names()
    {
        var session = Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10");

        var bytes = EtwNativeLayout.SessionProperties(session);

        Assert.Equal(120 + 4096, bytes.Length);
        Assert.Equal((uint)bytes.Length, U32(bytes, 0)); // Wnode.BufferSize
        Assert.Equal(session, new Guid(bytes.AsSpan(24, 16))); // Wnode.Guid
        Assert.Equal((1u, 0x00020000u), (U32(bytes, 40), U32(bytes, 44))); // ClientContext QPC, WNODE_FLAG_TRACED_GUID
        Assert.Equal((64u, 64u, 0x100u, 1u), (U32(bytes, 48), U32(bytes, 52), U32(bytes, 64), U32(bytes, 68))); // KB, buffers, real time, flush
        Assert.Equal((120u + 2048, 120u), (U32(bytes, 112), U32(bytes, 116))); // LogFileNameOffset, LoggerNameOffset
        Assert.All(bytes[120..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Lost_counts_come_from_events_lost_and_both_buffer_counters()
    {
        var bytes = EtwNativeLayout.SessionProperties(Guid.Empty);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(88), 7); // EventsLost
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(96), 2); // LogBuffersLost
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(100), 3); // RealTimeBuffersLost

        Assert.Equal((7L, 5L), EtwNativeLayout.SessionLost(bytes));
    }

    [Fact]
    public void The_event_id_filter_and_its_descriptor_and_the_enable_parameters()
    {
        Assert.Equal(Convert.FromHexString("01000300E80305040604"), EtwNativeLayout.EventIdFilter([1000, 1029, 1030]));

        var descriptor = EtwNativeLayout.FilterDescriptor(0x0000_01F0_1234_5678, 10);
        Assert.Equal(Convert.FromHexString("78563412F00100000A00000000020080"), descriptor);

        var parameters = EtwNativeLayout.EnableParameters(0x0000_01F0_AAAA_0000, 1);
        Assert.Equal(48, parameters.Length);
        Assert.Equal(2u, U32(parameters, 0)); // ENABLE_TRACE_PARAMETERS_VERSION_2
        Assert.Equal(0x0000_01F0_AAAA_0000ul, BinaryPrimitives.ReadUInt64LittleEndian(parameters.AsSpan(32)));
        Assert.Equal(1u, U32(parameters, 40));
    }

    [Fact]
    public void The_logfile_names_a_session_or_a_file_and_carries_the_callback_and_context()
    {
        var live = EtwNativeLayout.LogFile(0x1111, realTime: true, 0x2222, 0x3333);
        var file = EtwNativeLayout.LogFile(0x1111, realTime: false, 0x2222, 0x3333);

        Assert.Equal(448, live.Length);
        Assert.Equal((0ul, 0x1111ul), (U64(live, 0), U64(live, 8))); // LoggerName for a session
        Assert.Equal((0x1111ul, 0ul), (U64(file, 0), U64(file, 8))); // LogFileName for an ETL
        Assert.Equal((0x10000100u, 0x10000000u), (U32(live, 28), U32(file, 28))); // EVENT_RECORD (+ REAL_TIME)
        Assert.Equal((0x2222ul, 0x3333ul), (U64(live, 424), U64(live, 440))); // EventRecordCallback, Context
    }

    [Fact]
    public void An_etl_headers_lost_counts_are_read_from_the_logfile_header()
    {
        var bytes = new byte[448];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(120 + 48), 9); // LogfileHeader.EventsLost
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(120 + 276), 4); // LogfileHeader.BuffersLost

        Assert.Equal((9L, 4L), EtwNativeLayout.CaptureLost(bytes));
    }

    private static uint U32(byte[] bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));

    private static ulong U64(byte[] bytes, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));
}
