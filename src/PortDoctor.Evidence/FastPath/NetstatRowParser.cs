using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// Parses the common netstat row ("  TCP    10.0.0.5:49731  10.0.0.9:443  ESTABLISHED  4321",
/// "  UDP    0.0.0.0:500  *:*  1234") from ASCII bytes into a <see cref="NetstatRow"/> without
/// allocating. Pure and thread-safe: chunks of a large log are parsed on several cores. It takes
/// only what it can read exactly as the general path does (dotted IPv4 without leading zeros,
/// the English state names, a PID of at most nine digits); anything else is declined and left
/// to the general path, which stays the one definition of what a row means.
/// </summary>
internal static partial class NetstatRowParser
{
    [ThreadStatic]
    private static Ipv4TextCache? _addresses;

    public static bool TryParse(ReadOnlySpan<byte> line, out NetstatRow row)
    {
        // Helpers return the index after what they read, or -1: locals passed by reference would
        // live in memory, and this runs for every row of a multi-GB log.
        row = default;
        var n = line.Length;
        var i = SkipBlanks(line, 0);
        if (n - i < 8)
        {
            return false;
        }

        TransportProtocol protocol;
        if (line[i] == 'T' && line[i + 1] == 'C' && line[i + 2] == 'P')
        {
            protocol = TransportProtocol.Tcp;
        }
        else if (line[i] == 'U' && line[i + 1] == 'D' && line[i + 2] == 'P')
        {
            protocol = TransportProtocol.Udp;
        }
        else
        {
            return false;
        }

        var at = SkipBlanks(line, i + 3);
        if (at == i + 3 || (i = Endpoint(line, at, out var local)) < 0 || (at = SkipBlanks(line, i)) == i)
        {
            return false;
        }

        ulong remote = 0;
        byte flags = 0;
        if (at + 3 <= n && line[at] == '*' && line[at + 1] == ':' && line[at + 2] == '*' && protocol == TransportProtocol.Udp)
        {
            flags = NetstatRow.RemoteAnyFlag;
            i = at + 3;
        }
        else if ((i = Endpoint(line, at, out remote)) < 0)
        {
            return false;
        }

        // A state, or for UDP a PID, must follow after blanks ("TCP local remote" is for the general path).
        at = SkipBlanks(line, i);
        if (at == i || at == n)
        {
            return false;
        }

        SocketState state;
        if (IsDigit(line[at]))
        {
            // "UDP local remote PID": no state column.
            if (protocol != TransportProtocol.Udp)
            {
                return false;
            }

            state = (flags & NetstatRow.RemoteAnyFlag) != 0 || remote == 0 ? SocketState.Unconnected : SocketState.Established;
            i = at;
        }
        else
        {
            i = FieldEnd(line, at);

            if (!NetstatStateWords.TryGet(line[at..i], out state))
            {
                return false;
            }

            at = SkipBlanks(line, i);
            if (OnlyTrailingBlanks(line, at))
            {
                row = Row(protocol, state, local, remote, 0, flags);
                return true;
            }

            if (at == i)
            {
                return false;
            }

            i = at;
        }

        var pid = 0;
        var digits = i;
        while (i < n && IsDigit(line[i]))
        {
            if (i - digits == 9)
            {
                // Could overflow: the general path decides.
                return false;
            }

            pid = (pid * 10) + (line[i] - '0');
            i++;
        }

        if (i == digits || !OnlyTrailingBlanks(line, i))
        {
            return false;
        }

        row = Row(protocol, state, local, remote, pid, (byte)(flags | NetstatRow.HadPidFlag));
        return true;
    }

    /// <summary>"a.b.c.d" of an address <see cref="TryParse"/> read.</summary>
    public static string AddressText(uint address) =>
        $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static NetstatRow Row(TransportProtocol protocol, SocketState state, ulong local, ulong remote, int pid, byte flags) => new()
    {
        Protocol = protocol,
        State = state,
        LocalAddress = (uint)(local >> 16),
        LocalPort = (ushort)local,
        RemoteAddress = (uint)(remote >> 16),
        RemotePort = (ushort)remote,
        Pid = pid,
        Flags = flags,
        Entry = -1,
        Name = -1,
    };

    private static int SkipBlanks(ReadOnlySpan<byte> line, int i)
    {
        // Columns are padded with runs of spaces: sixteen bytes looked at in one step.
        while (i + 16 <= line.Length)
        {
            var blanks = ~Blanks(line, i) & 0xFFFF;
            if (blanks != 0)
            {
                return i + BitOperations.TrailingZeroCount(blanks);
            }

            i += 16;
        }

        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    /// <summary>Where the field at <paramref name="i"/> ends: the next blank, or the line's end.</summary>
    private static int FieldEnd(ReadOnlySpan<byte> line, int i)
    {
        if (i + 16 <= line.Length && Blanks(line, i) is var blanks and not 0)
        {
            return i + BitOperations.TrailingZeroCount(blanks);
        }

        while (i < line.Length && line[i] is not ((byte)' ' or (byte)'\t'))
        {
            i++;
        }

        return i;
    }

    /// <summary>A bit per byte of line[i..i+16] that is a space or a tab.</summary>
    private static uint Blanks(ReadOnlySpan<byte> line, int i)
    {
        var bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(line), (nuint)i);
        return (Vector128.Equals(bytes, Vector128.Create((byte)' ')) | Vector128.Equals(bytes, Vector128.Create((byte)'\t'))).ExtractMostSignificantBits();
    }

    /// <summary>Only what the general path trims may follow the last field: \t \n \v \f \r and space.</summary>
    private static bool OnlyTrailingBlanks(ReadOnlySpan<byte> line, int i)
    {
        for (; i < line.Length; i++)
        {
            if (line[i] is not ((>= 0x09 and <= 0x0D) or 0x20))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>
    /// "a.b.c.d:port", each octet 0-255 without leading zeros, the port 0-65535, ending at a blank
    /// or the line's end: the address and port packed as address &lt;&lt; 16 | port; -1 when not that.
    /// </summary>
    private static int Endpoint(ReadOnlySpan<byte> line, int i, out ulong endpoint)
    {
        if (i + 16 <= line.Length)
        {
            // The usual endpoint fits in sixteen bytes: its address is looked up by its bytes (a log
            // repeats a few hundred addresses millions of times), only the port is read digit by digit.
            var bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(line), (nuint)i);
            var blanks = (Vector128.Equals(bytes, Vector128.Create((byte)' ')) | Vector128.Equals(bytes, Vector128.Create((byte)'\t'))).ExtractMostSignificantBits();
            var end = BitOperations.TrailingZeroCount(blanks | 0x10000);
            var colons = Vector128.Equals(bytes, Vector128.Create((byte)':')).ExtractMostSignificantBits() & ((1u << end) - 1);
            if (end < 16 && colons != 0)
            {
                var colon = 31 - BitOperations.LeadingZeroCount(colons);
                var addresses = _addresses ??= new Ipv4TextCache();
                if (end - colon - 1 is >= 1 and <= 5 && addresses.TryGet(ref Unsafe.Add(ref MemoryMarshal.GetReference(line), i), colon, remember: false, out var known))
                {
                    var port = 0;
                    foreach (var digit in line.Slice(i + colon + 1, end - colon - 1))
                    {
                        if (!IsDigit(digit))
                        {
                            endpoint = 0;
                            return -1;
                        }

                        port = (port * 10) + (digit - '0');
                    }

                    endpoint = ((ulong)known << 16) | (uint)port;
                    return port <= 65535 ? i + end : -1;
                }
            }
        }

        return ParseEndpoint(line, i, out endpoint);
    }

    private static int ParseEndpoint(ReadOnlySpan<byte> line, int i, out ulong endpoint)
    {
        endpoint = 0;
        ulong address = 0;
        for (var octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (i >= line.Length || line[i] != '.')
                {
                    return -1;
                }

                i++;
            }

            var start = i;
            var value = 0;
            while (i < line.Length && IsDigit(line[i]) && i - start < 3)
            {
                value = (value * 10) + (line[i] - '0');
                i++;
            }

            if (i == start || value > 255 || (line[start] == '0' && i - start > 1) || (i < line.Length && IsDigit(line[i])))
            {
                return -1;
            }

            address = (address << 8) | (uint)value;
        }

        if (i >= line.Length || line[i] != ':')
        {
            return -1;
        }

        i++;
        var portStart = i;
        var port = 0;
        while (i < line.Length && IsDigit(line[i]) && i - portStart < 5)
        {
            port = (port * 10) + (line[i] - '0');
            i++;
        }

        if (i == portStart || port > 65535 || (i < line.Length && line[i] is not ((byte)' ' or (byte)'\t')))
        {
            return -1;
        }

        endpoint = (address << 16) | (uint)port;
        return i;
    }

    /// <summary>Dotted IPv4, each octet 0-255 without leading zeros, as the whole text.</summary>
    internal static bool TryIPv4(ReadOnlySpan<byte> text, out uint address)
    {
        Span<byte> padded = stackalloc byte[17];
        text.CopyTo(padded);
        padded[text.Length] = (byte)':';
        padded[text.Length + 1] = (byte)'0';
        var end = ParseEndpoint(padded[..(text.Length + 2)], 0, out var endpoint);
        address = (uint)(endpoint >> 16);
        return end == text.Length + 2;
    }
}
