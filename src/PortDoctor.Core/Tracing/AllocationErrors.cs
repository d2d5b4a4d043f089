namespace PortDoctor.Core.Tracing;

/// <summary>
/// The errno values that mean "no local port": matched in user space because older kernels'
/// event filters accept no negative numbers (the kernel filter is only `ret &lt; 0`).
/// </summary>
internal static class AllocationErrors
{
    public const long EAddrNotAvail = -99;
    public const long EAddrInUse = -98;
    public const long EAgain = -11;

    /// <summary>The errno name when <paramref name="ret"/> of this call means a port could not be had, else null.</summary>
    public static string? Name(AllocationSyscall call, long ret) => (call, ret) switch
    {
        (AllocationSyscall.Connect, EAddrNotAvail) => "EADDRNOTAVAIL",

        // connect(2): "insufficient entries in the routing cache" / no free local port on older kernels.
        (AllocationSyscall.Connect, EAgain) => "EAGAIN",
        (AllocationSyscall.Bind, EAddrInUse) => "EADDRINUSE",
        _ => null,
    };

    /// <summary>The socket family an enter event's addrlen implies: only IP sockets take ephemeral ports.</summary>
    public static string? FamilyOf(long addressLength) => addressLength switch
    {
        16 => "IPv4",
        28 => "IPv6",
        _ => null,
    };
}
