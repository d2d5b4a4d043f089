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
    [ThreadStatic]
    private static RowMemo? _memo;

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
        var memo = _memo ??= new RowMemo();
        ref var bytes = ref MemoryMarshal.GetReference(data);
        var i = start;
        if (memo.Armed && i < limit && rows.Length > 0 && data.Length - i >= Window && (i = Repeat(ref bytes, start, memo, out rows[0])) >= 0)
        {
            // The run's first row is the one kept, up to its PID.
            count = 1;
        }
        else
        {
            i = start;
        }

        while (i < limit && count < rows.Length && data.Length - i >= Window)
        {
            var next = RunRow(ref bytes, i, addresses, out rows[count]);
            if (next < 0)
            {
                break;
            }

            if (count == 0 && rows[0].HadPid)
            {
                memo.Offer(ref bytes, i, next, rows[0]);
            }

            count++;
            i = next;
        }

        return i;
    }

    /// <summary>Drops this thread's kept row (tests: the next row read is the one kept).</summary>
    internal static void ForgetRepeatedRow() => _memo = null;

    /// <summary>Rows this thread read from its kept row since it was last dropped (tests).</summary>
    internal static int RepeatedRows => _memo?.Hits ?? 0;

    /// <summary>
    /// The row at <paramref name="p"/> (a run's first) when its bytes up to its PID are those of the row the memo
    /// keeps: that row's fields with this row's PID. Returns where the next line starts, or -1 (then
    /// <see cref="RunRow"/> reads it). Every field before the PID is read from those bytes alone (each
    /// field's end is the blank after it, inside them; the blanks before the PID end them), so the
    /// fields are the ones <see cref="RunRow"/> would read.
    /// </summary>
    private static int Repeat(ref byte b, int p, RowMemo memo, out NetstatRow row)
    {
        Unsafe.SkipInit(out row);
        var length = memo.Length;
        if (!MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref b, p), length).SequenceEqual(memo.Prefix.AsSpan(0, length)))
        {
            return -1;
        }

        var at = PidEnd(ref b, p + length, p + MaxRow, out var pid);
        if (at < 0)
        {
            return -1;
        }

        row = memo.Row;
        row.Pid = pid;
        memo.Misses = 0;
        memo.Hits++;
        return LineAfter(ref b, at);
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

        if ((at = PidEnd(ref b, q, end, out var pid)) < 0)
        {
            return -1;
        }

        row = Row(protocol, state, local, remote, pid, (byte)(flags | NetstatRow.HadPidFlag));
        return LineAfter(ref b, at);
    }

    /// <summary>
    /// The PID at <paramref name="q"/>: 1 to 8 digits, then only blanks before the line end. Returns
    /// where the line ends, or -1. Usually the line ends right after it; else blanks are skipped first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PidEnd(ref byte b, int q, int end, out int pid)
    {
        var count = BitOperations.TrailingZeroCount(~Digits(Vector128.LoadUnsafe(ref b, (nuint)q)));
        var at = q + count;
        pid = 0;
        if (count is 0 or > 8 ||
            (!IsLineEnd(Unsafe.Add(ref b, at)) && (!IsBlank(Unsafe.Add(ref b, at)) || (at = SkipBlanks(ref b, at, end + 16)) < 0 || !IsLineEnd(Unsafe.Add(ref b, at)))))
        {
            return -1;
        }

        pid = (int)Number(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, q)), count);
        return at;
    }

    /// <summary>
    /// The first row of the last run that <see cref="RunRow"/> read, when it has a PID, as its bytes up
    /// to the PID and its fields (one per thread, as the address cache); the next run's first row is
    /// compared with it. A log of one-row samples lists the same connection sample after sample, its
    /// rows alone between timestamps and headers, and they differ only in their PID if at all. In
    /// other logs a run is many rows (one compare for all) or a row between other lines (`-b`): there
    /// runs are kept and compared only while rows were found again lately: after four runs in a row
    /// that were not, only every 64th is kept, and only the run after it compared.
    /// </summary>
    private sealed class RowMemo
    {
        public readonly byte[] Prefix = new byte[MaxRow];

        /// <summary>The kept bytes' count.</summary>
        public int Length;

        /// <summary>Whether the next run's first row is compared: a row was kept or found here since the last one that was not kept.</summary>
        public bool Armed;

        /// <summary>The kept row's fields (its PID is the next row's).</summary>
        public NetstatRow Row;

        /// <summary>Runs read since one's first row was found here.</summary>
        public int Misses;

        /// <summary>Rows read from the kept one.</summary>
        public int Hits;

        /// <summary>A row with a PID that <see cref="RunRow"/> read at <paramref name="p"/>, its next line at <paramref name="next"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Offer(ref byte b, int p, int next, in NetstatRow row)
        {
            Armed = ++Misses <= 4 || (Misses & 63) == 0;
            if (Armed)
            {
                Keep(ref b, p, next, row);
            }
        }

        /// <summary>
        /// Keeps the row's bytes up to its PID: back from its line end (CRLF is one) over the blanks
        /// and digits after the blank that ends the field before the PID.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Keep(ref byte b, int p, int next, in NetstatRow row)
        {
            var q = next - 2 >= p && Unsafe.Add(ref b, next - 2) == '\r' && Unsafe.Add(ref b, next - 1) == '\n' ? next - 2 : next - 1;
            while (IsBlank(Unsafe.Add(ref b, q - 1)))
            {
                q--;
            }

            while (IsDigit(Unsafe.Add(ref b, q - 1)))
            {
                q--;
            }

            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref b, p), q - p).CopyTo(Prefix);
            (Length, Row) = (q - p, row);
        }
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
