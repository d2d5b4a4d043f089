using PortDoctor.Core;

namespace PortDoctor.Platform.Windows;

/// <summary>
/// The size-query-and-retry loop around GetExtendedTcpTable/GetExtendedUdpTable, apart from the
/// calls so it runs on Linux in tests. The tables change between the size query and the read, so
/// the read is retried with the size the OS asked for (plus slack). A call that fails is the live
/// snapshot's end: one line naming the call and the Win32 error, exit 69 (Unavailable).
/// </summary>
internal static class IpHelperTableFetch
{
    private const uint NoError = 0;
    private const uint ErrorInsufficientBuffer = 122;
    private const int Attempts = 5;

    /// <summary>
    /// <paramref name="call"/> gets a buffer (null for the size query) and its size, and returns the
    /// Win32 result and the size the table needs.
    /// </summary>
    public static byte[] Fetch(string name, Func<byte[]?, uint, (uint Result, uint Size)> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (result, size) = call(null, 0);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (result != ErrorInsufficientBuffer && result != NoError)
            {
                break;
            }

            // Room for growth between calls: a busy server opens hundreds of sockets per millisecond.
            var buffer = new byte[Math.Max(size + (size / 8), 4u)];
            (result, size) = call(buffer, (uint)buffer.Length);
            if (result == NoError)
            {
                return buffer;
            }
        }

        throw Failure(name, result);
    }

    /// <summary>"portdoctor: GetExtendedTcpTable(IPv4) failed with Win32 error 87 (ERROR_INVALID_PARAMETER): ...".</summary>
    public static PortDoctorException Failure(string name, uint error)
    {
        var known = ErrorName(error);
        var code = known is null ? $"Win32 error {error}" : $"Win32 error {error} ({known})";
        var why = error == ErrorInsufficientBuffer ? $" after {Attempts} attempts (the table kept growing)" : "";
        return new PortDoctorException(
            $"{name} failed with {code}{why}: the live socket table cannot be read here; "
            + "a saved `netstat -ano` can be read with --from",
            ExitCode.Unavailable);
    }

    /// <summary>The errors iphlpapi documents for these calls, and what Wine's stubs return.</summary>
    private static string? ErrorName(uint error) => error switch
    {
        1 => "ERROR_INVALID_FUNCTION",
        5 => "ERROR_ACCESS_DENIED",
        8 => "ERROR_NOT_ENOUGH_MEMORY",
        50 => "ERROR_NOT_SUPPORTED",
        87 => "ERROR_INVALID_PARAMETER",
        120 => "ERROR_CALL_NOT_IMPLEMENTED",
        122 => "ERROR_INSUFFICIENT_BUFFER",
        234 => "ERROR_MORE_DATA",
        1168 => "ERROR_NOT_FOUND",
        _ => null,
    };
}
