namespace PortDoctor.Core.Tracing;

/// <summary>The four syscall tracepoints a failure trace reads.</summary>
public enum TraceEventKind
{
    ConnectEnter,
    ConnectExit,
    BindEnter,
    BindExit,
}
