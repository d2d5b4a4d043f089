using System.Buffers.Binary;
using System.Text;

namespace PortDoctor.Platform.Windows.Etw;

/// <summary>
/// The x64 (the only Windows build) byte layouts of the advapi32 ETW structures PortDoctor hands over,
/// written and read as plain bytes so every offset is tested on Linux. Offsets follow evntrace.h/evntprov.h.
/// </summary>
internal static class EtwNativeLayout
{
    /// <summary>EVENT_TRACE_PROPERTIES: WNODE_HEADER (48) then 18 fields to LoggerNameOffset @116.</summary>
    public const int PropertiesSize = 120;

    /// <summary>Room for the logger and log-file names that ControlTrace writes back (1024 UTF-16 units each).</summary>
    public const int NameRoom = 1024 * 2;

    /// <summary>EVENT_TRACE_LOGFILEW: 448 bytes (EVENT_TRACE 88 @32, TRACE_LOGFILE_HEADER 280 @120).</summary>
    public const int LogFileSize = 448;

    /// <summary>ENABLE_TRACE_PARAMETERS (version 2): 48 bytes.</summary>
    public const int EnableParametersSize = 48;

    /// <summary>EVENT_FILTER_DESCRIPTOR: Ptr u64, Size u32, Type u32.</summary>
    public const int FilterDescriptorSize = 16;

    public const uint EventTraceRealTimeMode = 0x00000100;
    public const uint WnodeFlagTracedGuid = 0x00020000;
    public const uint ProcessTraceModeRealTime = 0x00000100;
    public const uint ProcessTraceModeEventRecord = 0x10000000;
    public const uint EventFilterTypeEventId = 0x80000200;

    /// <summary>
    /// A real-time session's properties: 64 KB buffers flushed every second, QPC time stamps (ProcessTrace
    /// converts them to FILETIME), the names' room after the structure (StartTrace copies the name in).
    /// </summary>
    public static byte[] SessionProperties(Guid session)
    {
        var bytes = new byte[PropertiesSize + (2 * NameRoom)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)bytes.Length); // Wnode.BufferSize
        session.TryWriteBytes(span.Slice(24, 16)); // Wnode.Guid
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], 1); // Wnode.ClientContext: QueryPerformanceCounter
        BinaryPrimitives.WriteUInt32LittleEndian(span[44..], WnodeFlagTracedGuid); // Wnode.Flags
        BinaryPrimitives.WriteUInt32LittleEndian(span[48..], 64); // BufferSize, KB
        BinaryPrimitives.WriteUInt32LittleEndian(span[52..], 64); // MinimumBuffers: 4 MB, for bursts of failures
        BinaryPrimitives.WriteUInt32LittleEndian(span[64..], EventTraceRealTimeMode); // LogFileMode
        BinaryPrimitives.WriteUInt32LittleEndian(span[68..], 1); // FlushTimer, seconds
        BinaryPrimitives.WriteUInt32LittleEndian(span[112..], PropertiesSize + NameRoom); // LogFileNameOffset
        BinaryPrimitives.WriteUInt32LittleEndian(span[116..], PropertiesSize); // LoggerNameOffset
        return bytes;
    }

    /// <summary>What a session lost, from the properties ControlTrace(QUERY or STOP) filled: events, then buffers (log + real-time).</summary>
    public static (long Events, long Buffers) SessionLost(ReadOnlySpan<byte> properties) =>
        (BinaryPrimitives.ReadUInt32LittleEndian(properties[88..]),
         (long)BinaryPrimitives.ReadUInt32LittleEndian(properties[96..]) + BinaryPrimitives.ReadUInt32LittleEndian(properties[100..]));

    /// <summary>EVENT_FILTER_EVENT_ID: FilterIn u8 (1: only these), Reserved u8, Count u16, Events u16[Count].</summary>
    public static byte[] EventIdFilter(IReadOnlyList<ushort> ids)
    {
        var bytes = new byte[4 + (2 * ids.Count)];
        bytes[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), (ushort)ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4 + (2 * i)), ids[i]);
        }

        return bytes;
    }

    public static byte[] FilterDescriptor(ulong filter, int size)
    {
        var bytes = new byte[FilterDescriptorSize];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, filter);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)size);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), EventFilterTypeEventId);
        return bytes;
    }

    /// <summary>Version 2, no properties or flags, SourceId zero, then EnableFilterDesc ptr @32 and FilterDescCount @40.</summary>
    public static byte[] EnableParameters(ulong filterDescriptors, int count)
    {
        var bytes = new byte[EnableParametersSize];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 2);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(32), filterDescriptors);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), (uint)count);
        return bytes;
    }

    /// <summary>
    /// EVENT_TRACE_LOGFILEW for OpenTrace: the ETL's path in LogFileName @0, or a live session's name in
    /// LoggerName @8; ProcessTraceMode @28; EventRecordCallback @424; Context @440 (comes back in each EVENT_RECORD).
    /// </summary>
    public static byte[] LogFile(ulong name, bool realTime, ulong callback, ulong context)
    {
        var bytes = new byte[LogFileSize];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span[(realTime ? 8 : 0)..], name);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], ProcessTraceModeEventRecord | (realTime ? ProcessTraceModeRealTime : 0));
        BinaryPrimitives.WriteUInt64LittleEndian(span[424..], callback);
        BinaryPrimitives.WriteUInt64LittleEndian(span[440..], context);
        return bytes;
    }

    /// <summary>
    /// What OpenTrace read from an ETL's header into the EVENT_TRACE_LOGFILEW: TRACE_LOGFILE_HEADER (@120)'s
    /// EventsLost (@48 in it) and BuffersLost (@276 in it).
    /// </summary>
    public static (long Events, long Buffers) CaptureLost(ReadOnlySpan<byte> logFile) =>
        (BinaryPrimitives.ReadUInt32LittleEndian(logFile[(120 + 48)..]), BinaryPrimitives.ReadUInt32LittleEndian(logFile[(120 + 276)..]));

    /// <summary>A NUL-terminated UTF-16 string, as the W functions take.</summary>
    public static byte[] WideString(string text) => Encoding.Unicode.GetBytes(text + "\0");
}
