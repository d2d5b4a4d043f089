using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using PortDoctor.Core;
using PortDoctor.Evidence.Etw;
using PortDoctor.Platform.Interop.Windows;

namespace PortDoctor.Platform.Windows.Etw;

/// <summary>
/// OpenTrace + ProcessTrace over a live session or an ETL file: each EVENT_RECORD is decoded by
/// <see cref="EtwEventRecord"/> and handed with its user data to <see cref="EtwPortFailures"/>. ProcessTrace
/// blocks until the file ends or <see cref="Close"/> (CloseTrace) ends a live one.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class EtwEventStream
{
    private readonly EtwPortFailures _failures;
    private ulong _handle = EventTrace.InvalidProcessTraceHandle;

    private EtwEventStream(EtwPortFailures failures) => _failures = failures;

    public DateTimeOffset? First { get; private set; }

    public DateTimeOffset? Last { get; private set; }

    public (long Events, long Buffers) CaptureLost { get; private set; }

    /// <summary>An exception in the callback cannot cross into advapi32: kept, and thrown once ProcessTrace returns.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>
    /// Opens <paramref name="name"/> (a session name when <paramref name="realTime"/>, else an ETL path); <paramref name="process"/>
    /// runs ProcessTrace to its end. A failure is one line starting with <paramref name="label"/>.
    /// </summary>
    public static EtwEventStream Open(string name, bool realTime, string label, EtwPortFailures failures, out Func<uint> process)
    {
        var stream = new EtwEventStream(failures);
        var self = GCHandle.Alloc(stream);
        var text = GCHandle.Alloc(EtwNativeLayout.WideString(name), GCHandleType.Pinned);
        delegate* unmanaged<byte*, void> callback = &OnEvent;
        var logFile = EtwNativeLayout.LogFile((ulong)text.AddrOfPinnedObject(), realTime, (ulong)callback, (ulong)GCHandle.ToIntPtr(self));
        fixed (byte* file = logFile)
        {
            stream._handle = EventTrace.OpenTrace(file);
            if (stream._handle == EventTrace.InvalidProcessTraceHandle)
            {
                var error = Marshal.GetLastPInvokeError();
                self.Free();
                text.Free();
                throw new PortDoctorException(
                    $"{label}: OpenTrace failed: {Marshal.GetPInvokeErrorMessage(error)} (0x{error:X8})",
                    realTime ? ExitCode.Unavailable : ExitCode.BadInput);
            }

            stream.CaptureLost = EtwNativeLayout.CaptureLost(logFile);
        }

        process = () =>
        {
            try
            {
                var handle = stream._handle;
                return EventTrace.ProcessTrace(&handle, 1, 0, 0);
            }
            finally
            {
                self.Free();
                text.Free();
            }
        };
        return stream;
    }

    /// <summary>Ends ProcessTrace (it returns ERROR_CANCELLED for a live session once its buffers are delivered).</summary>
    public void Close()
    {
        var handle = Interlocked.Exchange(ref _handle, EventTrace.InvalidProcessTraceHandle);
        if (handle != EventTrace.InvalidProcessTraceHandle)
        {
            EventTrace.CloseTrace(handle);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnEvent(byte* record)
    {
        var header = EtwEventRecord.Read(new ReadOnlySpan<byte>(record, EtwEventRecord.Size));
        if (GCHandle.FromIntPtr((nint)header.UserContext).Target is not EtwEventStream stream || stream.Fault is not null)
        {
            return;
        }

        try
        {
            stream.First ??= header.At;
            stream.Last = header.At;
            stream._failures.Add(header, new ReadOnlySpan<byte>((void*)header.UserData, header.UserDataLength));
        }
        catch (Exception ex)
        {
            stream.Fault = ex;
        }
    }
}
