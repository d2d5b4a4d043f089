using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// Runs of rows parsed straight from a chunk of the file, their lines cut on the way: where a
/// multi-GB log spends its time. Every field is found with 16-byte compares and read with 8-byte
/// words, and nothing is bounds-checked one byte at a time: a row is only started with
/// <see cref="Window"/> bytes ahead of it, and every read stays inside them. It takes a subset of
/// what <see cref="TryParse"/> takes (only blanks and tabs between fields, at most 8 PID digits,
/// a row of at most <see cref="MaxRow"/> bytes) and gives the same row for it; it stops at any
/// other line, which TryParse or the general path then reads.
/// </summary>
internal static partial class NetstatRowParser
{
    /// <summary>Fields of a row must start within this many bytes of its start.</summary>
    private const int MaxRow = 128;

    /// <summary>Bytes that must follow a row's start: MaxRow plus the widest read past a field start (an endpoint's port word ends 38 bytes on).</summary>
    private const int Window = MaxRow + 48;

    private const ulong Tcp = 'T' | ('C' << 8) | ('P' << 16);
    private const ulong Udp = 'U' | ('D' << 8) | ('P' << 16);

    /// <summary>Per count 0-8: the mask of a word's first count bytes (constant data: no static to initialise).</summary>
    private static ReadOnlySpan<ulong> WordMasks =>
    [
        0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFF_FFFFFFFF, 0xFFFF_FFFFFFFF, 0xFFFFFF_FFFFFFFF, ulong.MaxValue,
    ];

    public static int TryParseRun(ReadOnlySpan<byte> data, int start, int limit, Span<NetstatRow> rows, out int count)
    {
        count = 0;
        var addresses = _addresses ??= new Ipv4TextCache();
        ref var bytes = ref MemoryMarshal.GetReference(data);
        var i = start;
        while (i < limit && count < rows.Length && data.Length - i >= Window)
        {
            var next = RunRow(ref bytes, i, addresses, out rows[count]);
            if (next < 0)
            {
                break;
            }

            count++;
            i = next;
        }

        return i;
    }

    /// <summary>The row at <paramref name="p"/>; returns where the next line starts, or -1.</summary>
    private static int RunRow(ref byte b, int p, Ipv4TextCache addresses, out NetstatRow row)
    {
        Unsafe.SkipInit(out row);
        var end = p + MaxRow;
        var q = SkipBlanks(ref b, p, end);
        if (q < 0)
        {
            return -1;
        }

        // "TCP" or "UDP" and a blank.
        var word = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, q));
        var after = (byte)(word >> 24);
        TransportProtocol protocol;
        if ((word & 0xFFFFFF) == Tcp)
        {
            protocol = TransportProtocol.Tcp;
        }
        else if ((word & 0xFFFFFF) == Udp)
        {
            protocol = TransportProtocol.Udp;
        }
        else
        {
            return -1;
        }

        if (!IsBlank(after) || (q = SkipBlanks(ref b, q + 4, end)) < 0)
        {
            return -1;
        }

        var at = RunEndpoint(ref b, q, addresses, remember: true, out var local);
        if (at < 0 || !IsBlank(Unsafe.Add(ref b, at)) || (q = SkipBlanks(ref b, at, end)) < 0)
        {
            return -1;
        }

        ulong remote = 0;
        byte flags = 0;
        if (protocol == TransportProtocol.Udp && (Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, q)) & 0xFFFFFF) == ('*' | (':' << 8) | ('*' << 16)))
        {
            flags = NetstatRow.RemoteAnyFlag;
            at = q + 3;
        }
        else if ((at = RunEndpoint(ref b, q, addresses, remember: false, out remote)) < 0)
        {
            return -1;
        }

        // A state, or for UDP a PID, must follow after blanks.
        if (!IsBlank(Unsafe.Add(ref b, at)) || (q = SkipBlanks(ref b, at, end)) < 0 || IsLineEnd(Unsafe.Add(ref b, q)))
        {
            return -1;
        }

        SocketState state;
        if (IsDigit(Unsafe.Add(ref b, q)))
        {
            // "UDP local remote PID": no state column.
            if (protocol != TransportProtocol.Udp)
            {
                return -1;
            }

            state = (flags & NetstatRow.RemoteAnyFlag) != 0 || remote == 0 ? SocketState.Unconnected : SocketState.Established;
        }
        else
        {
            // The state ends at the first byte up to a space (a blank or line end, checked after).
            var token = Vector128.LoadUnsafe(ref b, (nuint)q);
            var length = BitOperations.TrailingZeroCount(Vector128.Equals(Vector128.Min(token, Vector128.Create((byte)' ')), token).ExtractMostSignificantBits() | 0x10000);
            at = q + length;
            if (length >= 16 || !IsSeparator(Unsafe.Add(ref b, at)) ||
                !NetstatStateWords.TryGet(Head(ref b, q, length), length > 8 ? Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, at - 8)) : 0, length, out state) ||
                (q = SkipBlanks(ref b, at, end)) < 0)
            {
                return -1;
            }

            if (IsLineEnd(Unsafe.Add(ref b, q)))
            {
                row = Row(protocol, state, local, remote, 0, flags);
                return LineAfter(ref b, q);
            }

            if (q == at)
            {
                return -1;
            }
        }

        // The PID: 1 to 8 digits, then only blanks before the line end.
        // Usually the line ends right after it; else blanks are skipped first.
        var count = BitOperations.TrailingZeroCount(~Digits(Vector128.LoadUnsafe(ref b, (nuint)q)));
        at = q + count;
        if (count is 0 or > 8 ||
            (!IsLineEnd(Unsafe.Add(ref b, at)) && (!IsBlank(Unsafe.Add(ref b, at)) || (at = SkipBlanks(ref b, at, end + 16)) < 0 || !IsLineEnd(Unsafe.Add(ref b, at)))))
        {
            return -1;
        }

        row = Row(protocol, state, local, remote, (int)Number(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, q)), count), (byte)(flags | NetstatRow.HadPidFlag));
        return LineAfter(ref b, at);
    }

    /// <summary>
    /// "a.b.c.d:port" at <paramref name="q"/>, ending at a blank or a line end (the address as
    /// <see cref="Endpoint"/> reads it); returns the index after it, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RunEndpoint(ref byte b, int q, Ipv4TextCache addresses, bool remember, out ulong endpoint)
    {
        endpoint = 0;

        // The field ends at the first byte other than . / 0-9 : (what ends it is checked after).
        var low = Vector128.LoadUnsafe(ref b, (nuint)q);
        var others = ~AddressBytes(low) & 0xFFFF;
        uint colons;
        int length;
        if (others != 0)
        {
            length = BitOperations.TrailingZeroCount(others);
            colons = Vector128.Equals(low, Vector128.Create((byte)':')).ExtractMostSignificantBits() & ((1u << length) - 1);
        }
        else
        {
            // Longer than 16 bytes ("192.168.100.200:50000").
            var high = Vector128.LoadUnsafe(ref b, (nuint)(q + 16));
            length = 16 + BitOperations.TrailingZeroCount((~AddressBytes(high) & 0xFFFF) | 0x10000);
            colons = (Vector128.Equals(low, Vector128.Create((byte)':')).ExtractMostSignificantBits() |
                (Vector128.Equals(high, Vector128.Create((byte)':')).ExtractMostSignificantBits() << 16)) & ((1u << length) - 1);
        }

        if (length >= 32 || colons == 0 || !IsSeparator(Unsafe.Add(ref b, q + length)))
        {
            return -1;
        }

        var colon = 31 - BitOperations.LeadingZeroCount(colons);
        var portDigits = length - colon - 1;
        if ((uint)(portDigits - 1) > 4 || !addresses.TryGet(ref Unsafe.Add(ref b, q), colon, remember, out var address))
        {
            return -1;
        }

        // The port's bytes are . / or digits (the field's bytes, after its last colon): digits
        // are the ones whose high nibble is 3.
        var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, q + colon + 1));
        var mask = WordMask(portDigits);
        if ((word & 0xF0F0F0F0F0F0F0F0UL & mask) != (0x3030303030303030UL & mask))
        {
            return -1;
        }

        var port = Number(word, portDigits);
        endpoint = ((ulong)address << 16) | port;
        return port <= 65535 ? q + length : -1;
    }

    /// <summary>The first byte at or after <paramref name="q"/> that is not a space or a tab, if it is before <paramref name="end"/>; else -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipBlanks(ref byte b, int q, int end)
    {
        while (q < end)
        {
            var others = Vector128.Equals(Vector128.LoadUnsafe(ref b, (nuint)q), Vector128.Create((byte)' ')).ExtractMostSignificantBits() ^ 0xFFFF;
            if (others == 0)
            {
                q += 16;
                continue;
            }

            q += BitOperations.TrailingZeroCount(others);
            if (Unsafe.Add(ref b, q) != '\t')
            {
                return q < end ? q : -1;
            }

            // Tabs are rare: stepped over one at a time.
            q++;
        }

        return -1;
    }

    /// <summary>Where the line after the line end at <paramref name="q"/> starts (CRLF is one end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LineAfter(ref byte b, int q) =>
        Unsafe.Add(ref b, q) == '\r' && Unsafe.Add(ref b, q + 1) == '\n' ? q + 2 : q + 1;

    /// <summary>The first <paramref name="length"/> (at most 8) bytes at <paramref name="q"/> as a word, zero above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Head(ref byte b, int q, int length) =>
        Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, q)) & WordMask(Math.Min(length, 8));

    /// <summary>A bit per byte that is one of . / 0-9 : (what a dotted IPv4 endpoint is made of, and '/').</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint AddressBytes(Vector128<byte> bytes) =>
        Vector128.LessThanOrEqual(bytes - Vector128.Create((byte)'.'), Vector128.Create((byte)(':' - '.'))).ExtractMostSignificantBits();

    /// <summary>A bit per byte that is an ASCII digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Digits(Vector128<byte> bytes) =>
        Vector128.LessThanOrEqual(bytes - Vector128.Create((byte)'0'), Vector128.Create((byte)9)).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLineEnd(byte b) => b is (byte)'\r' or (byte)'\n';

    /// <summary>What may end a field: a blank or a line end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSeparator(byte b) => b <= ' ' && ((1UL << b) & ((1UL << ' ') | (1UL << '\t') | (1UL << '\r') | (1UL << '\n'))) != 0;

    /// <summary>The mask of a little-endian word's first <paramref name="count"/> (0-8) bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WordMask(int count) => Unsafe.Add(ref MemoryMarshal.GetReference(WordMasks), count);

    /// <summary>The number written by the first <paramref name="count"/> (1-8) digits of a little-endian word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Number(ulong word, int count)
    {
        // The digits moved to the top, as an eight-digit number with leading zeros; then pairs,
        // quads and octets are combined with three multiplies.
        var value = (word & 0x0F0F0F0F0F0F0F0FUL) << ((8 - count) * 8);
        value = ((value * 10) + (value >> 8)) & 0x00FF00FF00FF00FFUL;
        value = ((value * 100) + (value >> 16)) & 0x0000FFFF0000FFFFUL;
        return (uint)(((value * 10000) + (value >> 32)) & 0xFFFFFFFFUL);
    }
}
