using System.ComponentModel;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Interop.Windows;

namespace PortDoctor.Platform.Windows;

/// <summary>
/// Reads the live TCP and UDP owner-PID tables through iphlpapi. The tables change between the
/// size query and the read, so the read is retried with the size the OS asked for (plus slack).
/// </summary>
[SupportedOSPlatform("windows")]
public static class WindowsSocketTable
{
    private const int Attempts = 5;

    public static IReadOnlyList<SocketEntry> ReadTcp(IpFamily family) =>
        family == IpFamily.IPv4
            ? IpHelperTableDecoder.DecodeTcp4(Fetch(isTcp: true, IpHlpApi.AfInet))
            : IpHelperTableDecoder.DecodeTcp6(Fetch(isTcp: true, IpHlpApi.AfInet6));

    public static IReadOnlyList<SocketEntry> ReadUdp(IpFamily family) =>
        family == IpFamily.IPv4
            ? IpHelperTableDecoder.DecodeUdp4(Fetch(isTcp: false, IpHlpApi.AfInet))
            : IpHelperTableDecoder.DecodeUdp6(Fetch(isTcp: false, IpHlpApi.AfInet6));

    private static unsafe byte[] Fetch(bool isTcp, uint family)
    {
        uint size = 0;
        var result = Call(isTcp, null, ref size, family);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (result != IpHlpApi.ErrorInsufficientBuffer && result != IpHlpApi.NoError)
            {
                break;
            }

            // Room for growth between calls: a busy server opens hundreds of sockets per millisecond.
            var buffer = new byte[Math.Max(size + (size / 8), 4u)];
            size = (uint)buffer.Length;
            fixed (byte* table = buffer)
            {
                result = Call(isTcp, table, ref size, family);
            }

            if (result == IpHlpApi.NoError)
            {
                return buffer;
            }
        }

        throw new Win32Exception(
            (int)result,
            $"{(isTcp ? "GetExtendedTcpTable" : "GetExtendedUdpTable")}({(family == IpHlpApi.AfInet ? "IPv4" : "IPv6")}) failed");
    }

    private static unsafe uint Call(bool isTcp, byte* table, ref uint size, uint family) =>
        isTcp
            ? IpHlpApi.GetExtendedTcpTable(table, ref size, false, family, IpHlpApi.TcpTableOwnerPidAll, 0)
            : IpHlpApi.GetExtendedUdpTable(table, ref size, false, family, IpHlpApi.UdpTableOwnerPid, 0);
}
