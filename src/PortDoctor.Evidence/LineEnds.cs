using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PortDoctor.Evidence;

/// <summary>Receives one line (without its line end) cut from a buffer.</summary>
internal delegate void LineHandler<T>(ReadOnlySpan<T> line);

/// <summary>
/// Where lines end in a buffer of characters or bytes: CR, LF and CRLF, also when a CRLF is split
/// across two reads. Shared by <see cref="LineSource"/> (text) and <see cref="Utf8LineSource"/> (bytes).
/// </summary>
internal static class LineEnds
{
    /// <summary>
    /// Hands on every complete line of <paramref name="span"/>; returns where the unfinished rest
    /// begins. <paramref name="pendingCr"/> carries a CR that ended the previous read (its LF, if
    /// any, is at the start of this one: <paramref name="fresh"/> says nothing was kept from before).
    /// </summary>
    public static int Cut<T>(ReadOnlySpan<T> span, T cr, T lf, bool fresh, ref bool pendingCr, LineHandler<T> onLine)
        where T : struct, IEquatable<T>
    {
        var start = Begin(span, lf, fresh, ref pendingCr);
        while (true)
        {
            var rest = span[start..];
            var end = rest.IndexOfAny(lf, cr);
            if (end < 0)
            {
                return start;
            }

            onLine(rest[..end]);
            start = After(span, start + end, cr, lf, ref pendingCr);
        }
    }

    /// <summary>
    /// <see cref="Cut{T}"/> for bytes, handing each line to <paramref name="decoder"/>: the line
    /// ends of 64 bytes at a time are found as one bit mask, not with a search and a delegate call
    /// per line (together about a tenth of the profile of a file of short netsh rows).
    /// </summary>
    public static int Cut(ReadOnlySpan<byte> span, bool fresh, ref bool pendingCr, Utf8LineSource.Decoder decoder)
    {
        var start = Begin(span, (byte)'\n', fresh, ref pendingCr);
        if (decoder.TakesShapes)
        {
            return FastPath.LineShapes.Cut(span, start, ref pendingCr, decoder);
        }

        ref var first = ref MemoryMarshal.GetReference(span);
        var at = start;
        for (; at + 64 <= span.Length; at += 64)
        {
            var ends = LineEndBits(ref first, at);
            while (ends != 0)
            {
                var end = at + BitOperations.TrailingZeroCount(ends);
                ends &= ends - 1;

                // The LF of a CRLF, already stepped over.
                if (end >= start)
                {
                    decoder.Next(span[start..end]);
                    start = After(span, end, (byte)'\r', (byte)'\n', ref pendingCr);
                }
            }
        }

        return CutRest(span, start, ref pendingCr, decoder);
    }

    /// <summary>The last bytes (fewer than 64), one search per line; returns where the unfinished rest begins.</summary>
    internal static int CutRest(ReadOnlySpan<byte> span, int start, ref bool pendingCr, Utf8LineSource.Decoder decoder)
    {
        while (true)
        {
            var end = span[start..].IndexOfAny((byte)'\n', (byte)'\r');
            if (end < 0)
            {
                return start;
            }

            decoder.Next(span.Slice(start, end));
            start = After(span, start + end, (byte)'\r', (byte)'\n', ref pendingCr);
        }
    }

    /// <summary>A bit per byte of the 64 from <paramref name="at"/>, set for a CR or an LF.</summary>
    private static ulong LineEndBits(ref byte first, int at)
    {
        var bits = 0UL;
        for (var k = 0; k < 64; k += 16)
        {
            var bytes = Vector128.LoadUnsafe(ref first, (nuint)(at + k));
            var ends = Vector128.Equals(bytes, Vector128.Create((byte)'\n')) | Vector128.Equals(bytes, Vector128.Create((byte)'\r'));
            bits |= (ulong)ends.ExtractMostSignificantBits() << k;
        }

        return bits;
    }

    /// <summary>Where the first line begins: past the LF of a CRLF split across two reads.</summary>
    private static int Begin<T>(ReadOnlySpan<T> span, T lf, bool fresh, ref bool pendingCr)
        where T : struct, IEquatable<T>
    {
        var start = pendingCr && fresh && span.Length > 0 && span[0].Equals(lf) ? 1 : 0;
        pendingCr = false;
        return start;
    }

    /// <summary>Where the next line begins after the line end at <paramref name="end"/> (a CRLF is one end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int After<T>(ReadOnlySpan<T> span, int end, T cr, T lf, ref bool pendingCr)
        where T : struct, IEquatable<T>
    {
        var start = end + 1;
        if (span[end].Equals(cr))
        {
            if (start < span.Length)
            {
                if (span[start].Equals(lf))
                {
                    start++;
                }
            }
            else
            {
                pendingCr = true;
            }
        }

        return start;
    }
}
