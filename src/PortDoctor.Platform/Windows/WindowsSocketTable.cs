using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Interop.Windows;

namespace PortDoctor.Platform.Windows;

/// <summary>
/// Reads the live TCP and UDP owner-PID tables through iphlpapi; the retry loop and the error
/// line are <see cref="IpHelperTableFetch"/>'s.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsSocketTable
{
    public static IReadOnlyList<SocketEntry> ReadTcp(IpFamily family) =>
        family == IpFamily.IPv4
            ? IpHelperTableDecoder.DecodeTcp4(Fetch(isTcp: true, IpHlpApi.AfInet))
            : IpHelperTableDecoder.DecodeTcp6(Fetch(isTcp: true, IpHlpApi.AfInet6));

    public static IReadOnlyList<SocketEntry> ReadUdp(IpFamily family) =>
        family == IpFamily.IPv4
            ? IpHelperTableDecoder.DecodeUdp4(Fetch(isTcp: false, IpHlpApi.AfInet))
            : IpHelperTableDecoder.DecodeUdp6(Fetch(isTcp: false, IpHlpApi.AfInet6));

    private static byte[] Fetch(bool isTcp, uint family) =>
        IpHelperTableFetch.Fetch(
            $"{(isTcp ? "GetExtendedTcpTable" : "GetExtendedUdpTable")}({(family == IpHlpApi.AfInet ? "IPv4" : "IPv6")})",
            (buffer, size) => (Call(isTcp, buffer, ref size, family), size));

    private static unsafe uint Call(bool isTcp, byte[]? buffer, ref uint size, uint family)
    {
        fixed (byte* table = buffer)
        {
            return isTcp
                ? IpHlpApi.GetExtendedTcpTable(table, ref size, false, family, IpHlpApi.TcpTableOwnerPidAll, 0)
                : IpHlpApi.GetExtendedUdpTable(table, ref size, false, family, IpHlpApi.UdpTableOwnerPid, 0);
        }
    }
}
