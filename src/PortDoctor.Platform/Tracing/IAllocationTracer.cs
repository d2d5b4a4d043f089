using PortDoctor.Core.Tracing;

namespace PortDoctor.Platform.Tracing;

/// <summary>
/// Records failed port allocations (connect/bind refused for want of a local port) per process:
/// tracefs syscall events on Linux; ETW (Winsock-AFD, TCPIP) on Windows.
/// </summary>
public interface IAllocationTracer
{
    /// <summary>
    /// Traces until <see cref="TraceRequest.Duration"/> passes or <paramref name="cancellationToken"/>
    /// fires (Ctrl+C ends early and still returns the summary). <paramref name="onStatus"/> gets one-line
    /// notes, the first once the kernel is recording.
    /// </summary>
    TraceSummary Trace(TraceRequest request, Action<string> onStatus, CancellationToken cancellationToken);

    /// <summary>Reads a capture a customer sent (netsh trace ETL).</summary>
    TraceSummary ReadCapture(string path, CancellationToken cancellationToken);
}
