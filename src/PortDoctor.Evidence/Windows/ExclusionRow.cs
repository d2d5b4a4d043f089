using System.Runtime.CompilerServices;
using PortDoctor.Evidence.FastPath;

namespace PortDoctor.Evidence.Windows;

/// <summary>A netsh exclusion row ("      1024        1524" or with a "*": administered), as bytes judged it.</summary>
internal readonly record struct ExclusionRow(int Start, int End, bool Administered)
{
    /// <summary>
    /// Pure: a plain ASCII exclusion row split and judged as <see cref="NetshReader.TryExclusionRow"/>
    /// does; anything else (and any row TryExclusionRow would judge only after trimming '`') is declined.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, in AsciiLineShape shape, Span<Range> fields, out ExclusionRow row)
    {
        row = default;
        var count = shape.Plain ? AsciiFields.Split(line, shape, fields[..4]) : -1;
        if (count is < 2 or > 3 ||
            !AsciiFields.TryInt(line[fields[0]], out var start) || !AsciiFields.TryInt(line[fields[1]], out var end) ||
            start > end || end > 65535 || (count == 3 && !line[fields[2]].SequenceEqual("*"u8)))
        {
            return false;
        }

        row = new ExclusionRow(start, end, count == 3);
        return true;
    }

    /// <summary>On a chunk worker.</summary>
    internal readonly struct Parser : IShapedRowParser<ExclusionRow>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryParse(ReadOnlySpan<byte> line, in AsciiLineShape shape, int start, Span<Range> fields, out ExclusionRow row) =>
            ExclusionRow.TryParse(line, shape, fields, out row);
    }
}
