using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using PortDoctor.Core;
using PortDoctor.Core.Tracing;
using PortDoctor.Evidence.Etw;
using PortDoctor.Platform.Interop.Windows;
using PortDoctor.Platform.Tracing;

namespace PortDoctor.Platform.Windows.Etw;

/// <summary>
/// `trace` on Windows: a real-time ETW session on Microsoft-Windows-Winsock-AFD (events 1000, 1029, 1030)
/// and Microsoft-Windows-TCPIP (1050), filtered to those event IDs in the kernel, or a netsh trace ETL.
/// A thin P/Invoke layer rather than TraceEvent: the Platform project is shared with the NativeAOT Linux
/// build, and the decoding is ours already (docs/windows.md).
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class WindowsAllocationTracer(TimeProvider time) : IAllocationTracer
{
    /// <summary>One fixed name: a session left by a killed trace is found and stopped at the next start.</summary>
    public const string SessionName = "PortDoctor-PortFailures";

    private const uint ErrorAccessDenied = 5;
    private const uint ErrorAlreadyExists = 183;

    public TraceSummary Trace(TraceRequest request, Action<string> onStatus, CancellationToken cancellationToken)
    {
        var properties = EtwNativeLayout.SessionProperties(Guid.NewGuid());
        ulong session;
        fixed (byte* p = properties)
        {
            var result = EventTrace.StartTrace(out session, SessionName, p);
            if (result == ErrorAlreadyExists)
            {
                Stop(0, SessionName);
                onStatus($"stopped a stale ETW session {SessionName} left by a killed trace");
                result = EventTrace.StartTrace(out session, SessionName, p);
            }

            Check(result, "StartTrace");
        }

        var started = time.GetUtcNow();
        var failures = new EtwPortFailures(request.Pids, ProcessName);
        (long Events, long Buffers) lost = default;
        try
        {
            Enable(session, EtwPortEvents.AfdProvider, [1000, 1029, 1030]);
            Enable(session, EtwPortEvents.TcpipProvider, [1050]);
            var stream = EtwEventStream.Open(SessionName, realTime: true, $"trace: ETW session {SessionName}", failures, out var process);
            var reader = new Thread(() => process()) { IsBackground = true, Name = "etw" };
            reader.Start();
            onStatus(string.Create(
                CultureInfo.InvariantCulture,
                $"tracing failed bind/connect (STATUS_TOO_MANY_ADDRESSES, Winsock-AFD and TCPIP ETW) {(request.Pids.Count == 0 ? "of every process" : "of PID " + string.Join(", ", request.Pids))} for {request.Duration.TotalSeconds:0.###} s (Ctrl+C ends early)"));
            cancellationToken.WaitHandle.WaitOne(request.Duration);
            lost = Stop(session, null);
            session = 0;
            reader.Join(TimeSpan.FromSeconds(10));
            stream.Close();
            reader.Join();
            if (stream.Fault is { } fault)
            {
                throw new PortDoctorException($"ETW session {SessionName}: an event could not be read: {fault.Message}", ExitCode.Internal);
            }
        }
        finally
        {
            if (session != 0)
            {
                Stop(session, null);
            }
        }

        return Summary($"ETW session {SessionName}", started, time.GetUtcNow(), request.Pids, failures, lost.Events + lost.Buffers);
    }

    public TraceSummary ReadCapture(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new PortDoctorException($"--from {path}: no such file", ExitCode.BadInput);
        }

        var failures = new EtwPortFailures([], _ => "(not in the capture)");
        var stream = EtwEventStream.Open(Path.GetFullPath(path), realTime: false, $"--from {path}", failures, out var process);
        using (cancellationToken.Register(stream.Close))
        {
            var result = process();
            stream.Close();
            cancellationToken.ThrowIfCancellationRequested();
            if (result != 0)
            {
                throw new PortDoctorException($"--from {path}: ProcessTrace failed: {ErrorText(result)}", ExitCode.BadInput);
            }
        }

        if (stream.Fault is { } fault)
        {
            throw new PortDoctorException($"--from {path}: an event could not be read: {fault.Message}", ExitCode.BadInput);
        }

        var now = time.GetUtcNow();
        return Summary($"ETL {Path.GetFileName(path)}", stream.First ?? now, stream.Last ?? now, [], failures, stream.CaptureLost.Events + stream.CaptureLost.Buffers);
    }

    private static TraceSummary Summary(string source, DateTimeOffset started, DateTimeOffset ended, IReadOnlyList<int> pids, EtwPortFailures failures, long lost) => new()
    {
        Source = source,
        Started = started,
        Ended = ended,
        PidFilter = pids,
        Processes = failures.Processes(),
        LostEvents = lost,
        OtherFailures = failures.OtherFailures,
    };

    private static void Enable(ulong session, Guid provider, ushort[] events)
    {
        var filter = EtwNativeLayout.EventIdFilter(events);
        fixed (byte* f = filter)
        {
            var descriptor = EtwNativeLayout.FilterDescriptor((ulong)f, filter.Length);
            fixed (byte* d = descriptor)
            {
                var parameters = EtwNativeLayout.EnableParameters((ulong)d, 1);
                fixed (byte* p = parameters)
                {
                    Check(EventTrace.EnableTraceEx2(session, &provider, EventTrace.EnableProvider, EventTrace.LevelVerbose, ulong.MaxValue, 0, 0, p), $"EnableTraceEx2 {provider}");
                }
            }
        }
    }

    /// <summary>ControlTrace(STOP) by handle or by name; returns what the session lost (events, buffers).</summary>
    private static (long Events, long Buffers) Stop(ulong session, string? name)
    {
        var properties = EtwNativeLayout.SessionProperties(Guid.Empty);
        fixed (byte* p = properties)
        {
            return EventTrace.ControlTrace(session, name, p, EventTrace.ControlStop) == 0 ? EtwNativeLayout.SessionLost(properties) : default;
        }
    }

    private static void Check(uint result, string call)
    {
        if (result == ErrorAccessDenied)
        {
            throw new PortDoctorException($"trace: {call}: access denied: an ETW session needs an elevated prompt (or the Performance Log Users group)", ExitCode.NoPermission);
        }

        if (result != 0)
        {
            throw new PortDoctorException($"trace: {call} failed: {ErrorText(result)}", ExitCode.Unavailable);
        }
    }

    private static string ErrorText(uint error) =>
        $"{System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage((int)error)} (0x{error:X8})";

    private static string? ProcessName(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.ProcessName;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
