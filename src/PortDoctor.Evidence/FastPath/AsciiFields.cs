using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// What the readers' byte fast paths (<see cref="IUtf8LineReader.TryLine"/>) share: fields of a
/// plain ASCII line split on spaces and tabs as <c>Split([' ', '\t'], RemoveEmptyEntries)</c> splits
/// them, and numbers read as <c>int.TryParse(NumberStyles.None)</c> reads them. A line with any byte
/// the general path treats specially (not ASCII, a control other than tab) is left to it.
/// </summary>
internal static class AsciiFields
{
    /// <summary>
    /// The first <c>fields.Length</c> fields; returns how many there are (at most fields.Length, so a
    /// count equal to it means "that many or more"), or -1 when the line is not plain ASCII.
    /// </summary>
    /// <remarks>
    /// Vectorized (it was half of a Group-Object row's CPU byte by byte): 64 bytes at a time become a
    /// bit mask of field bytes and one of bytes that are not plain; a field starts or ends where the
    /// field mask changes, found with TrailingZeroCount. The last piece is read from a copy padded
    /// with blanks, which end the last field at the line's end as a blank would.
    /// </remarks>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        if (line.Length < 16)
        {
            // Too short for one load: read from a copy padded with blanks (they end a field as the line's end does).
            Span<byte> padded = stackalloc byte[16];
            Vector128.Create((byte)' ').StoreUnsafe(ref MemoryMarshal.GetReference(padded));
            line.CopyTo(padded);
            return SplitLong(padded, fields);
        }

        return SplitLong(line, fields);
    }

    /// <summary>
    /// <see cref="Split(ReadOnlySpan{byte}, Span{Range})"/> of a plain line whose shape is known: a
    /// line of at most 64 bytes takes its fields from <see cref="AsciiLineShape.Fields"/>, without
    /// reading the line again.
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, in AsciiLineShape shape, Span<Range> fields)
    {
        if (line.Length > AsciiLineShape.MaxFieldBits)
        {
            return Split(line, fields);
        }

        // A set bit where a byte's "in a field" differs from the byte before it: starts and ends alternate.
        // A field that runs to the 64th byte has no end bit: the line's end ends it.
        var changes = shape.Fields ^ (shape.Fields << 1);
        var count = 0;
        while (changes != 0 && count < fields.Length)
        {
            var start = BitOperations.TrailingZeroCount(changes);
            changes &= changes - 1;
            var end = changes == 0 ? line.Length : BitOperations.TrailingZeroCount(changes);
            changes &= changes - 1;
            fields[count++] = new Range(start, end);
        }

        return count;
    }

    private static int SplitLong(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        var inField = false;
        ulong previous = 0;
        for (var at = 0; at < line.Length; at += Block)
        {
            var word = FieldBytes(line, at, out var notPlain);
            if (notPlain)
            {
                return -1;
            }

            // A set bit where a byte's "in a field" differs from the byte before it: starts and ends alternate.
            var changes = word ^ ((word << 1) | previous);
            previous = word >> (Block - 1);
            while (changes != 0)
            {
                var i = at + BitOperations.TrailingZeroCount(changes);
                changes &= changes - 1;
                if (!inField)
                {
                    start = i;
                    inField = true;
                    continue;
                }

                fields[count++] = new Range(start, i);
                inField = false;
                if (count == fields.Length)
                {
                    var checkedTo = Math.Min(at + Block, line.Length);
                    return IsPlain(line[checkedTo..]) ? count : -1;
                }
            }
        }

        if (inField)
        {
            fields[count++] = new Range(start, line.Length);
        }

        return count;
    }

    private const int Block = 64;

    /// <summary>
    /// A bit per byte of <paramref name="line"/> from <paramref name="at"/> on (<see cref="Block"/> of
    /// them; none past the line's end), set for a field byte (neither space nor tab);
    /// <paramref name="notPlain"/> when one of them is a control byte other than tab or not ASCII.
    /// The line is at least 16 bytes long: a last piece shorter than 64 is read with loads that
    /// overlap the bytes before it (their bits are the same in both, or are shifted out).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FieldBytes(ReadOnlySpan<byte> line, int at, out bool notPlain)
    {
        ref var first = ref Unsafe.Add(ref MemoryMarshal.GetReference(line), at);
        var rest = line.Length - at;
        if (rest >= Block)
        {
            var a = Vector128.LoadUnsafe(ref first);
            var b = Vector128.LoadUnsafe(ref first, 16);
            var c = Vector128.LoadUnsafe(ref first, 32);
            var d = Vector128.LoadUnsafe(ref first, 48);
            notPlain = (NotPlain(a) | NotPlain(b) | NotPlain(c) | NotPlain(d)) != Vector128<byte>.Zero;
            return ~(Blanks(a) | ((ulong)Blanks(b) << 16) | ((ulong)Blanks(c) << 32) | ((ulong)Blanks(d) << 48));
        }

        ulong blanks = 0;
        var bad = Vector128<byte>.Zero;
        for (var k = 0; k < rest; k += 16)
        {
            // Negative when fewer than 16 bytes are left: the load starts before them, within the line.
            var offset = Math.Min(k, rest - 16);
            var bytes = Vector128.LoadUnsafe(ref Unsafe.Add(ref first, offset));
            bad |= NotPlain(bytes);
            var bits = (ulong)Blanks(bytes);
            blanks |= offset >= 0 ? bits << offset : bits >> -offset;
        }

        notPlain = bad != Vector128<byte>.Zero;
        return ~blanks & ((1UL << rest) - 1);
    }

    /// <summary>A bit per byte, set for a space or a tab.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Blanks(Vector128<byte> bytes) =>
        (Vector128.Equals(bytes, Vector128.Create((byte)' ')) | Vector128.Equals(bytes, Vector128.Create((byte)'\t'))).ExtractMostSignificantBits();

    /// <summary>Bytes below 0x20 but tab, 0x7F and above (as signed bytes, 0x80 and above are negative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<byte> NotPlain(Vector128<byte> bytes) =>
        (Vector128.LessThan(bytes.AsSByte(), Vector128.Create((sbyte)0x20)).AsByte() | Vector128.Equals(bytes, Vector128.Create((byte)0x7F))) &
        ~Vector128.Equals(bytes, Vector128.Create((byte)'\t'));

    /// <summary>Digits only (any number of leading zeros), at most <see cref="int.MaxValue"/>.</summary>
    /// <remarks>Inlined (its value then needs no trip through memory); more than nine digits take a call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryInt(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 9)
        {
            return !digits.IsEmpty && TryLongInt(digits, out value);
        }

        // Nine digits cannot pass int.MaxValue: no overflow guard, and a short dependency chain per digit.
        var small = 0;
        foreach (var b in digits)
        {
            var digit = (uint)(b - (byte)'0');
            if (digit > 9)
            {
                return false;
            }

            small = (small * 10) + (int)digit;
        }

        value = small;
        return true;
    }

    /// <summary><see cref="TryInt"/> of more than nine digits.</summary>
    private static bool TryLongInt(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;

        // Held just past int.MaxValue once beyond it (a min, not a branch per digit), so any length is safe.
        const long pastMax = (long)int.MaxValue + 1;
        long total = 0;
        foreach (var b in digits)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            total = Math.Min((total * 10) + digit, pastMax);
        }

        if (total == pastMax)
        {
            return false;
        }

        value = (int)total;
        return true;
    }

    /// <summary>
    /// The bytes without leading and trailing spaces and tabs (what <c>Trim()</c> removes from a
    /// plain line). Vectorized: <c>Trim(" \t"u8)</c> tests every byte against each blank in turn.
    /// </summary>
    public static ReadOnlySpan<byte> TrimBlanks(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.IndexOfAnyExcept((byte)' ', (byte)'\t');
        return start < 0 ? default : bytes[start..(bytes.LastIndexOfAnyExcept((byte)' ', (byte)'\t') + 1)];
    }

    /// <summary>True when the bytes hold none the general path treats specially (only printable ASCII and tabs).</summary>
    public static bool IsPlain(ReadOnlySpan<byte> bytes)
    {
        // Vectorized: a long continuation line is checked a register at a time, a tab at a time.
        var i = bytes.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
        while (i >= 0)
        {
            if (bytes[i] != (byte)'\t')
            {
                return false;
            }

            var next = bytes[(i + 1)..].IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return true;
    }
}
