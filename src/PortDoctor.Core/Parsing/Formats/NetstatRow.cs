using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>
/// One netstat socket row as numbers: what a block of a periodic log keeps per row, so that only
/// the block that is analysed is ever turned into <see cref="SocketEntry"/> objects. A row the
/// general path parsed (IPv6, a host name, a translated state) is kept as that path's entry and
/// referenced by <see cref="Entry"/>.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct NetstatRow
{
    public const byte HadPidFlag = 1;
    public const byte RemoteAnyFlag = 2;

    public uint LocalAddress;
    public uint RemoteAddress;

    /// <summary>Owning PID; 0 when the row named none (TIME_WAIT, no PID column).</summary>
    public int Pid;

    /// <summary>-1: the socket is the fields of this row; else the index of an entry the general path parsed.</summary>
    public int Entry;

    /// <summary>-1: no exe name; else its index in the reader's table of names from -b lines.</summary>
    public int Name;

    public ushort LocalPort;
    public ushort RemotePort;
    public TransportProtocol Protocol;
    public SocketState State;
    public byte Flags;

    public readonly bool HadPid => (Flags & HadPidFlag) != 0;
}

/// <summary>
/// Parses the common netstat row ("  TCP    10.0.0.5:49731  10.0.0.9:443  ESTABLISHED  4321",
/// "  UDP    0.0.0.0:500  *:*  1234") from ASCII bytes into a <see cref="NetstatRow"/> without
/// allocating. Pure and thread-safe: chunks of a large log are parsed on several cores. It takes
/// only what it can read exactly as the general path does (dotted IPv4 without leading zeros,
/// the English state names, a PID of at most nine digits); anything else is declined and left
/// to the general path, which stays the one definition of what a row means.
/// </summary>
internal static class NetstatRowParser
{
    private static readonly Vector128<byte> Indices = Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

    [ThreadStatic]
    private static AddressCache? _addresses;
    private static readonly (byte[] Spelling, ulong Head, ulong Tail, SocketState State)[] States = BuildStates();

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

            if (!TryState(line[at..i], out state))
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
                var addresses = _addresses ??= new AddressCache();
                if (end - colon - 1 is >= 1 and <= 5 && addresses.TryGet(line.Slice(i, colon), bytes, out var known))
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
    private static bool TryIPv4(ReadOnlySpan<byte> text, out uint address)
    {
        Span<byte> padded = stackalloc byte[17];
        text.CopyTo(padded);
        padded[text.Length] = (byte)':';
        padded[text.Length + 1] = (byte)'0';
        var end = ParseEndpoint(padded[..(text.Length + 2)], 0, out var endpoint);
        address = (uint)(endpoint >> 16);
        return end == text.Length + 2;
    }

    /// <summary>Addresses already read, by their bytes; one per thread (chunks are parsed on several).</summary>
    private sealed class AddressCache
    {
        private const int Bits = 10;
        private readonly Vector128<byte>[] _keys = new Vector128<byte>[1 << Bits];
        private readonly uint[] _values = new uint[1 << Bits];
        private readonly bool[] _used = new bool[1 << Bits];

        /// <summary>The address <paramref name="text"/>, whose bytes start <paramref name="bytes"/>.</summary>
        public bool TryGet(ReadOnlySpan<byte> text, Vector128<byte> bytes, out uint address)
        {
            address = 0;
            if (text.Length is < 7 or > 15)
            {
                return false;
            }

            // The bytes after the address (its colon, the port) are masked off the key.
            var key = bytes & Vector128.LessThan(Indices, Vector128.Create((byte)text.Length));
            var words = key.AsUInt64();
            var slot = (int)(((words[0] * 0x9E3779B97F4A7C15UL) ^ (words[1] * 0xC2B2AE3D27D4EB4FUL)) >> (64 - Bits));
            if (_used[slot] && _keys[slot] == key)
            {
                address = _values[slot];
                return true;
            }

            if (!TryIPv4(text, out address))
            {
                return false;
            }

            (_keys[slot], _values[slot], _used[slot]) = (key, address, true);
            return true;
        }
    }

    private static bool TryState(ReadOnlySpan<byte> token, out SocketState state)
    {
        // Whole words compared eight bytes at a time (head and tail overlap for 9 to 15 bytes).
        if (token.Length >= 8)
        {
            var head = BinaryPrimitives.ReadUInt64LittleEndian(token);
            var tail = BinaryPrimitives.ReadUInt64LittleEndian(token[^8..]);
            foreach (var (spelling, headOf, tailOf, known) in States)
            {
                if (head == headOf && tail == tailOf && token.Length == spelling.Length)
                {
                    state = known;
                    return true;
                }
            }
        }
        else
        {
            foreach (var (spelling, _, _, known) in States)
            {
                if (token.SequenceEqual(spelling))
                {
                    state = known;
                    return true;
                }
            }
        }

        state = SocketState.Unknown;
        return false;
    }

    /// <summary>The English spellings, most frequent first, each mapped by the general path's own table.</summary>
    private static (byte[], ulong, ulong, SocketState)[] BuildStates()
    {
        string[] names =
        [
            "ESTABLISHED", "TIME_WAIT", "LISTENING", "CLOSE_WAIT", "BOUND", "FIN_WAIT_2", "SYN_SENT", "FIN_WAIT_1",
            "LAST_ACK", "SYN_RECEIVED", "CLOSING", "CLOSED", "LISTEN", "DELETE_TCB",
        ];
        var table = new List<(byte[], ulong, ulong, SocketState)>();
        foreach (var name in names)
        {
            if (LocalizedStateNames.TryParse(name, out var state))
            {
                var bytes = System.Text.Encoding.ASCII.GetBytes(name);
                var (head, tail) = bytes.Length >= 8
                    ? (BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8)))
                    : (0UL, 0UL);
                table.Add((bytes, head, tail, state));
            }
        }

        return [.. table];
    }
}
