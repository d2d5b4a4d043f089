namespace PortDoctor.Core.Tracing;

/// <summary>
/// One line of a tracefs trace_pipe: the thread (tid), its process (tgid, when record-tgid gave one),
/// the thread's name, the trace clock in seconds, and the event's fields.
/// </summary>
/// <param name="Fd">The socket of an enter event.</param>
/// <param name="AddressLength">addrlen of an enter event: 16 is a sockaddr_in, 28 a sockaddr_in6.</param>
/// <param name="Return">ret of an exit event (negative errno on failure).</param>
public sealed record TraceRecord(
    string ThreadName,
    int Tid,
    int? Tgid,
    double Seconds,
    TraceEventKind Kind,
    long Fd = -1,
    long AddressLength = -1,
    long Return = 0);
