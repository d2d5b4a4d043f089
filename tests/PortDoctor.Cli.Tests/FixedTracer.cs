using PortDoctor.Core.Tracing;
using PortDoctor.Platform.Tracing;

namespace PortDoctor.Cli.Tests;

/// <summary>A tracer that reports a fixed summary (by default: no failures), stamped with the request's PIDs.</summary>
internal sealed record FixedTracer : IAllocationTracer
{
    public IReadOnlyList<ProcessFailures> Processes { get; init; } = [];

    public DateTimeOffset Started { get; init; } = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public string Source { get; init; } = "fixed";

    public TraceSummary Trace(TraceRequest request, Action<string> onStatus, CancellationToken cancellationToken)
    {
        onStatus("tracing (fixed)");
        return new TraceSummary
        {
            Source = Source,
            Started = Started,
            Ended = Started + request.Duration,
            PidFilter = request.Pids,
            Namespace = request.Namespace?.Label,
            Processes = Processes,
        };
    }

    public TraceSummary ReadCapture(string path, CancellationToken cancellationToken) =>
        throw new PortDoctor.Core.PortDoctorException($"{path}: no capture in the fake host", PortDoctor.Core.ExitCode.Unavailable);
}
