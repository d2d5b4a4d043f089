using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// What the byte paths ask of a line, found in one vectorized pass instead of a scan per question:
/// whether it is plain (printable ASCII and tab), where its first and last field bytes (neither
/// space nor tab) are, where its first ':' is, and whether it has a '>'. Positions are -1 when absent.
/// <see cref="Fields"/> is, for a line of at most <see cref="MaxFieldBits"/> bytes, a bit per byte set
/// for a field byte (0 for a longer line): <see cref="AsciiFields.Split(ReadOnlySpan{byte}, in AsciiLineShape, Span{Range})"/>
/// takes the fields from it without reading the line again. <see cref="LineShapes"/> finds the same
/// shape while it cuts the lines.
/// </summary>
internal readonly record struct AsciiLineShape(bool Plain, int FirstField, int LastField, int FirstColon, bool HasPrompt, ulong Fields = 0)
{
    /// <summary>The longest line whose field bytes <see cref="Fields"/> holds.</summary>
    public const int MaxFieldBits = 64;

    public static AsciiLineShape Of(ReadOnlySpan<byte> line)
    {
        if (line.Length >= 16)
        {
            return OfLong(line);
        }

        // Too short for one load: a copy padded with blanks (they are no field bytes, so positions stay in the line).
        Span<byte> padded = stackalloc byte[16];
        Vector128.Create((byte)' ').StoreUnsafe(ref MemoryMarshal.GetReference(padded));
        line.CopyTo(padded);
        return OfLong(padded);
    }

    /// <summary>A line of 16 bytes or more, 16 at a time; the last load overlaps the one before (what it sees again changes nothing).</summary>
    private static AsciiLineShape OfLong(ReadOnlySpan<byte> line)
    {
        ref var first = ref MemoryMarshal.GetReference(line);
        int firstField = -1, lastField = -1, colon = -1;
        var notPlain = Vector128<byte>.Zero;
        var prompt = Vector128<byte>.Zero;
        var fieldBits = 0UL;
        for (var at = 0; at < line.Length; at += 16)
        {
            var offset = Math.Min(at, line.Length - 16);
            var bytes = Vector128.LoadUnsafe(ref first, (nuint)offset);
            notPlain |= AsciiFields.NotPlain(bytes);
            prompt |= Vector128.Equals(bytes, Vector128.Create((byte)'>'));
            var fields = ~AsciiFields.Blanks(bytes) & 0xFFFF;
            if (fields != 0)
            {
                firstField = firstField < 0 ? offset + BitOperations.TrailingZeroCount(fields) : firstField;
                lastField = offset + 31 - BitOperations.LeadingZeroCount(fields);
                fieldBits |= offset < MaxFieldBits ? (ulong)fields << offset : 0;
            }

            if (colon < 0)
            {
                var colons = Vector128.Equals(bytes, Vector128.Create((byte)':')).ExtractMostSignificantBits();
                colon = colons == 0 ? -1 : offset + BitOperations.TrailingZeroCount(colons);
            }
        }

        // A padded short line's blanks set no bits; a line over the limit keeps none.
        return new AsciiLineShape(
            notPlain == Vector128<byte>.Zero, firstField, lastField, colon, prompt != Vector128<byte>.Zero, line.Length <= MaxFieldBits ? fieldBits : 0);
    }
}
