namespace PortDoctor.Core.Tracing;

/// <summary>How many failures of one call, errno and family a process had.</summary>
/// <param name="Family">IPv4, IPv6, or null when the enter event was not seen (family unknown).</param>
public sealed record FailureCount(AllocationSyscall Call, string Errno, string? Family, long Count);
