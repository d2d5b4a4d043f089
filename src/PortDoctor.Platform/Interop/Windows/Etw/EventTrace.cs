using System.Runtime.InteropServices;

namespace PortDoctor.Platform.Interop.Windows;

/// <summary>
/// advapi32.dll's ETW controller and consumer calls. Structures go in as byte buffers laid out by
/// <see cref="PortDoctor.Platform.Windows.Etw.EtwNativeLayout"/> (tested on Linux), not as mirrored structs.
/// </summary>
internal static unsafe partial class EventTrace
{
    public const uint ControlQuery = 0;
    public const uint ControlStop = 1;
    public const uint EnableProvider = 1;
    public const byte LevelVerbose = 5;
    public const ulong InvalidProcessTraceHandle = ulong.MaxValue;

    [LibraryImport("advapi32.dll", EntryPoint = "StartTraceW", StringMarshalling = StringMarshalling.Utf16)]
    public static partial uint StartTrace(out ulong session, string name, byte* properties);

    [LibraryImport("advapi32.dll", EntryPoint = "ControlTraceW", StringMarshalling = StringMarshalling.Utf16)]
    public static partial uint ControlTrace(ulong session, string? name, byte* properties, uint control);

    [LibraryImport("advapi32.dll")]
    public static partial uint EnableTraceEx2(
        ulong session, Guid* provider, uint control, byte level, ulong matchAnyKeyword, ulong matchAllKeyword, uint timeout, byte* parameters);

    [LibraryImport("advapi32.dll", EntryPoint = "OpenTraceW", SetLastError = true)]
    public static partial ulong OpenTrace(byte* logFile);

    [LibraryImport("advapi32.dll")]
    public static partial uint ProcessTrace(ulong* handles, uint count, nint startTime, nint endTime);

    [LibraryImport("advapi32.dll")]
    public static partial uint CloseTrace(ulong handle);
}
