using PortDoctor.Core;
using PortDoctor.Core.Tracing;

namespace PortDoctor.Platform.Tracing;

/// <summary>A host (or build) without a tracer: each call says in one line what is missing, exit 69.</summary>
internal sealed class UnavailableAllocationTracer(string live, string capture) : IAllocationTracer
{
    public TraceSummary Trace(TraceRequest request, Action<string> onStatus, CancellationToken cancellationToken) =>
        throw new PortDoctorException(live, ExitCode.Unavailable);

    public TraceSummary ReadCapture(string path, CancellationToken cancellationToken) =>
        throw new PortDoctorException(capture, ExitCode.Unavailable);
}
