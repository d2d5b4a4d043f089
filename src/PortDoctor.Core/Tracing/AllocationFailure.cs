namespace PortDoctor.Core.Tracing;

/// <summary>One failed port allocation: who, which call and errno, on which socket and family, when.</summary>
/// <param name="Family">IPv4/IPv6 from the enter event, or null when the enter event was not seen.</param>
public sealed record AllocationFailure(
    int Pid,
    int Tid,
    string ThreadName,
    AllocationSyscall Call,
    string Errno,
    long Fd,
    string? Family,
    DateTimeOffset At);
