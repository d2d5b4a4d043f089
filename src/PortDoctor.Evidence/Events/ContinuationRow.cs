using System.Runtime.CompilerServices;
using PortDoctor.Evidence.FastPath;
using PortDoctor.Evidence.PowerShell;

namespace PortDoctor.Evidence.Events;

/// <summary>
/// A Format-List continuation line found on a chunk worker: the line and the piece of it that is
/// appended to the open value (offsets in the chunk's bytes).
/// </summary>
internal readonly record struct ContinuationRow(int LineStart, int LineLength, int PieceStart, int PieceLength)
{
    /// <summary>On a chunk worker: a line the event-list reader's TryLine takes as a continuation while a value is open.</summary>
    internal readonly struct Parser : IShapedRowParser<ContinuationRow>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryParse(ReadOnlySpan<byte> line, in AsciiLineShape shape, int start, Span<Range> fields, out ContinuationRow row)
        {
            row = default;
            if (shape.LastField < 0 || line[shape.LastField] == (byte)':' || shape.HasPrompt || !KeyValueRecords.TryContinuationPiece(line, shape, out var piece))
            {
                return false;
            }

            var (offset, length) = piece.GetOffsetAndLength(line.Length);
            row = new ContinuationRow(start, line.Length, start + offset, length);
            return true;
        }
    }
}
