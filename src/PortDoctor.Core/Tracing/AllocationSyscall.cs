namespace PortDoctor.Core.Tracing;

/// <summary>The call that asked the kernel for a local port.</summary>
public enum AllocationSyscall
{
    Connect,
    Bind,
}
