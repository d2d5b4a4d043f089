using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// <see cref="LineEnds.Cut(ReadOnlySpan{byte}, bool, ref bool, Utf8LineSource.Decoder)"/> for a reader
/// that takes lines with their shape (<see cref="IShapedLineReader"/>): one pass over each 64 bytes
/// gives the line ends and, as bit masks, the field bytes, the colons, and the rarer bytes (not plain,
/// '>'); each line's <see cref="AsciiLineShape"/> is read from the masks of the blocks it spans.
/// What grep does in one pass (find the line's end) and the readers did in a second (split the line)
/// become one. A line with a rarer byte is shaped by <see cref="AsciiLineShape.Of"/> instead, and the
/// lines in the buffer's last bytes (fewer than 64) go to the decoder without a shape.
/// </summary>
/// <remarks>
/// Plain locals, not a struct per block or per line: structs of five or more fields were kept in
/// memory, and the masks' ORs waited on store forwarding (a tenth of this method's profile).
/// </remarks>
internal static class LineShapes
{
    private const int Block = 64;

    /// <summary>Cuts as <see cref="LineEnds.Cut{T}"/> does; returns where the unfinished rest begins.</summary>
    public static int Cut(ReadOnlySpan<byte> span, int start, ref bool pendingCr, Utf8LineSource.Decoder decoder)
    {
        var sink = new DecoderSink(decoder);
        start = Blocks(span, start, ref pendingCr, ref sink);
        return LineEnds.CutRest(span, start, ref pendingCr, decoder);
    }

    /// <summary>
    /// The lines that end in the whole blocks of 64 bytes from <paramref name="start"/>, each handed to
    /// <paramref name="sink"/> with its shape, until the sink stops at one; returns where the line it
    /// stopped at (or the unfinished rest) begins.
    /// </summary>
    public static int Blocks<TSink>(ReadOnlySpan<byte> span, int start, ref bool pendingCr, ref TSink sink)
        where TSink : IShapedLineSink, allows ref struct
    {
        ref var first = ref MemoryMarshal.GetReference(span);

        // What the blocks seen so far say of the line in progress (positions in the buffer).
        int firstField = -1, lastField = -1, colon = -1;
        ulong rare = 0, lineFields = 0;
        var at = start;
        for (; at + Block <= span.Length; at += Block)
        {
            Masks(ref first, at, out var ends, out var fields, out var colons, out var rareBytes);
            while (ends != 0)
            {
                var end = at + BitOperations.TrailingZeroCount(ends);
                ends &= ends - 1;

                // The LF of a CRLF, already stepped over.
                if (end < start)
                {
                    continue;
                }

                // The line's bytes in this block: from its start (or the block's) to its end.
                var bits = ((1UL << (end - at)) - 1) & (ulong.MaxValue << Math.Max(start - at, 0));
                Add(fields & bits, colons & bits, rareBytes & bits, at, start, ref firstField, ref lastField, ref colon, ref rare, ref lineFields);
                var line = span[start..end];
                // The shape built in each call, not in a local chosen between them: that copy (a 32-byte
                // struct stored field by field, then loaded whole) stalled on store forwarding.
                if (rare == 0)
                {
                    if (!sink.Next(
                        line,
                        new AsciiLineShape(
                            true, firstField < 0 ? -1 : firstField - start, lastField < 0 ? -1 : lastField - start, colon < 0 ? -1 : colon - start, false,
                            end - start <= AsciiLineShape.MaxFieldBits ? lineFields : 0),
                        start,
                        end))
                    {
                        return start;
                    }
                }
                else if (!sink.Next(line, AsciiLineShape.Of(line), start, end))
                {
                    return start;
                }

                start = LineEnds.After(span, end, (byte)'\r', (byte)'\n', ref pendingCr);
                firstField = lastField = colon = -1;
                rare = lineFields = 0;
            }

            // The rest of the block belongs to the line in progress (a CRLF may end past the block).
            if (start - at < Block)
            {
                var bits = ulong.MaxValue << Math.Max(start - at, 0);
                Add(fields & bits, colons & bits, rareBytes & bits, at, start, ref firstField, ref lastField, ref colon, ref rare, ref lineFields);
            }
        }

        return start;
    }

    /// <summary>
    /// A bit per byte of the block of 64 at <paramref name="at"/>: line ends, field bytes (neither space
    /// nor tab), colons, and bytes that are not plain or are '>'. The rarer bytes are first tested
    /// for together, and their masks made only for a block holding one. A CR or LF is never inside a
    /// line, so it is no byte "not plain" here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Masks(ref byte first, int at, out ulong ends, out ulong fields, out ulong colons, out ulong rare)
    {
        var a = Vector128.LoadUnsafe(ref first, (nuint)at);
        var b = Vector128.LoadUnsafe(ref first, (nuint)at + 16);
        var c = Vector128.LoadUnsafe(ref first, (nuint)at + 32);
        var d = Vector128.LoadUnsafe(ref first, (nuint)at + 48);
        Vector128<byte> endsA = LineEnd(a), endsB = LineEnd(b), endsC = LineEnd(c), endsD = LineEnd(d);
        ends = Bits(endsA, endsB, endsC, endsD);
        fields = ~(AsciiFields.Blanks(a) | ((ulong)AsciiFields.Blanks(b) << 16) | ((ulong)AsciiFields.Blanks(c) << 32) | ((ulong)AsciiFields.Blanks(d) << 48));
        var colon = Vector128.Create((byte)':');
        Vector128<byte> rareA = Rare(a, endsA), rareB = Rare(b, endsB), rareC = Rare(c, endsC), rareD = Rare(d, endsD);
        if ((rareA | rareB | rareC | rareD | Vector128.Equals(a, colon) | Vector128.Equals(b, colon) | Vector128.Equals(c, colon) | Vector128.Equals(d, colon)) ==
            Vector128<byte>.Zero)
        {
            colons = rare = 0;
            return;
        }

        colons = Bits(Vector128.Equals(a, colon), Vector128.Equals(b, colon), Vector128.Equals(c, colon), Vector128.Equals(d, colon));
        rare = Bits(rareA, rareB, rareC, rareD);
    }

    /// <summary>Adds a piece of the line that began at <paramref name="start"/>, from the block at <paramref name="at"/> (its bits only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(
        ulong fields, ulong colons, ulong rareBytes, int at, int start, ref int firstField, ref int lastField, ref int colon, ref ulong rare, ref ulong lineFields)
    {
        if (fields != 0)
        {
            firstField = firstField < 0 ? at + BitOperations.TrailingZeroCount(fields) : firstField;
            lastField = at + 63 - BitOperations.LeadingZeroCount(fields);
        }

        colon = colon < 0 && colons != 0 ? at + BitOperations.TrailingZeroCount(colons) : colon;
        rare |= rareBytes;

        // The field bits at the line's offsets: only the first 64 bytes' are ever used.
        var offset = at - start;
        lineFields |= offset <= 0 ? fields >> -offset : offset < Block ? fields << offset : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> LineEnd(Vector128<byte> bytes) =>
        Vector128.Equals(bytes, Vector128.Create((byte)'\n')) | Vector128.Equals(bytes, Vector128.Create((byte)'\r'));

    /// <summary>Bytes not plain (but a line end) and '>'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Rare(Vector128<byte> bytes, Vector128<byte> ends) =>
        (AsciiFields.NotPlain(bytes) & ~ends) | Vector128.Equals(bytes, Vector128.Create((byte)'>'));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c, Vector128<byte> d) =>
        a.ExtractMostSignificantBits() | ((ulong)b.ExtractMostSignificantBits() << 16) |
        ((ulong)c.ExtractMostSignificantBits() << 32) | ((ulong)d.ExtractMostSignificantBits() << 48);

    /// <summary>The line reader's sink: every line goes on to the decoder.</summary>
    private readonly struct DecoderSink(Utf8LineSource.Decoder decoder) : IShapedLineSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Next(ReadOnlySpan<byte> line, in AsciiLineShape shape, int start, int end)
        {
            decoder.Next(line, shape);
            return true;
        }
    }
}

/// <summary>Takes the lines <see cref="LineShapes.Blocks{TSink}"/> cuts, with their shape and place in the buffer.</summary>
internal interface IShapedLineSink
{
    /// <summary>Takes the line of bytes [start, end) of the buffer; false stops the cut before it.</summary>
    bool Next(ReadOnlySpan<byte> line, in AsciiLineShape shape, int start, int end);
}
