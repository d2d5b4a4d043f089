using System.Net.Sockets;
using PortDoctor.Core.Model;

namespace PortDoctor.Platform.Probe;

/// <summary>
/// Turns a failed bind/connect into the guide's reading. Address-unavailable is the signature of
/// exhaustion: Linux EADDRNOTAVAIL 99 / EADDRINUSE 98, Windows WSAENOBUFS 10055 / WSAEADDRINUSE
/// 10048 / WSAEADDRNOTAVAIL 10049. Refused, timeout and unreachable mean something else.
/// Pure, so the Windows codes are tested on Linux too.
/// </summary>
internal static class ProbeErrors
{
    public static (ProbeOutcome Outcome, string Name) Classify(int nativeError, OsKind os) => os == OsKind.Windows
        ? nativeError switch
        {
            10055 => (ProbeOutcome.AddressUnavailable, "WSAENOBUFS"),
            10048 => (ProbeOutcome.AddressUnavailable, "WSAEADDRINUSE"),
            10049 => (ProbeOutcome.AddressUnavailable, "WSAEADDRNOTAVAIL"),
            10061 => (ProbeOutcome.Refused, "WSAECONNREFUSED"),
            10060 => (ProbeOutcome.TimedOut, "WSAETIMEDOUT"),
            10065 => (ProbeOutcome.Unreachable, "WSAEHOSTUNREACH"),
            10051 => (ProbeOutcome.Unreachable, "WSAENETUNREACH"),
            _ => (ProbeOutcome.OtherError, $"WSA error {nativeError}"),
        }
        : nativeError switch
        {
            99 => (ProbeOutcome.AddressUnavailable, "EADDRNOTAVAIL"),
            98 => (ProbeOutcome.AddressUnavailable, "EADDRINUSE"),
            111 => (ProbeOutcome.Refused, "ECONNREFUSED"),
            110 => (ProbeOutcome.TimedOut, "ETIMEDOUT"),
            113 => (ProbeOutcome.Unreachable, "EHOSTUNREACH"),
            101 => (ProbeOutcome.Unreachable, "ENETUNREACH"),
            _ => (ProbeOutcome.OtherError, $"errno {nativeError}"),
        };

    /// <summary>
    /// The native code behind a .NET <see cref="SocketError"/> (which is WSA-numbered on every OS),
    /// so results carry the number an admin would search for on that OS.
    /// </summary>
    public static int ToNative(SocketError error, OsKind os)
    {
        if (os == OsKind.Windows)
        {
            return (int)error;
        }

        return error switch
        {
            SocketError.AddressNotAvailable => 99,
            SocketError.AddressAlreadyInUse => 98,
            SocketError.ConnectionRefused => 111,
            SocketError.TimedOut => 110,
            SocketError.HostUnreachable => 113,
            SocketError.NetworkUnreachable => 101,
            SocketError.NoBufferSpaceAvailable => 105,
            _ => (int)error,
        };
    }
}
