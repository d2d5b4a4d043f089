using System.Runtime.InteropServices;

namespace PortDoctor.Platform.Interop.Windows;

/// <summary>iphlpapi.dll: the owner-PID TCP and UDP tables (what `netstat -ano` shows).</summary>
internal static unsafe partial class IpHlpApi
{
    public const uint AfInet = 2;
    public const uint AfInet6 = 23;

    /// <summary>TCP_TABLE_OWNER_PID_ALL: listeners and connections, with the owning PID.</summary>
    public const int TcpTableOwnerPidAll = 5;

    /// <summary>UDP_TABLE_OWNER_PID.</summary>
    public const int UdpTableOwnerPid = 1;

    [LibraryImport("iphlpapi.dll")]
    public static partial uint GetExtendedTcpTable(
        byte* table, ref uint size, [MarshalAs(UnmanagedType.Bool)] bool order, uint family, int tableClass, uint reserved);

    [LibraryImport("iphlpapi.dll")]
    public static partial uint GetExtendedUdpTable(
        byte* table, ref uint size, [MarshalAs(UnmanagedType.Bool)] bool order, uint family, int tableClass, uint reserved);
}
