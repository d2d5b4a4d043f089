using System.Runtime.CompilerServices;
using System.Text;

namespace PortDoctor.Evidence.FastPath;

/// <summary>Pure: the row of one plain line, judged from its shape as the reader's TryLine judges it.</summary>
internal interface IShapedRowParser<TRow>
    where TRow : struct
{
    /// <summary>
    /// The row of <paramref name="line"/> (at <paramref name="start"/> of the chunk), or false: the line
    /// then goes to the reader's TryLine on the reading thread. <paramref name="fields"/> is room for a split.
    /// </summary>
    static abstract bool TryParse(ReadOnlySpan<byte> line, in AsciiLineShape shape, int start, Span<Range> fields, out TRow row);
}

/// <summary>
/// A reader whose common lines (Group-Object rows, netsh exclusion rows, Format-List continuation lines)
/// are judged on the chunk workers: <see cref="ShapedRows.Parse{TParser, TRow}"/> cuts and shapes a
/// chunk's lines 64 bytes at a time (<see cref="LineShapes.Blocks{TSink}"/>) and keeps each line's row
/// as a small struct; the reading thread applies them in file order
/// (<see cref="IBatchLineReader{TRow}.AcceptRows(ReadOnlySpan{TRow}, long, ReadOnlySpan{byte})"/>),
/// where the reader's state is. Every other line goes to TryLine and Line as it does line by line.
/// </summary>
internal interface IShapedBatchReader<TRow, TParser> : IBatchLineReader<TRow>, IShapedBatch
    where TRow : struct
    where TParser : struct, IShapedRowParser<TRow>
{
    /// <summary>Declined: a line the run parser stopped at is read on the reading thread (TryDeclinedLine).</summary>
    bool IBatchLineReader<TRow>.TryParseRow(ReadOnlySpan<byte> line, out TRow row)
    {
        row = default;
        return false;
    }

    int IBatchLineReader<TRow>.TryParseRows(ReadOnlySpan<byte> data, int start, int limit, Span<TRow> rows, out int count) =>
        ShapedRows.Parse<TParser, TRow>(data, start, limit, rows, out count);

    ulong IBatchLineReader<TRow>.MarkDeclined(ReadOnlySpan<byte> line) => 0;

    ulong IBatchLineReader<TRow>.MarkKnownLine(ReadOnlySpan<byte> data, int start, out int lineEnd, out int next)
    {
        (lineEnd, next) = (start, start);
        return 0; // no line is known without the usual steps
    }

    bool IBatchLineReader<TRow>.TryDeclinedLine(ReadOnlySpan<byte> line, long number, ulong mark) => TryLine(line, number);

    void IBatchLineReader<TRow>.AcceptRows(ReadOnlySpan<TRow> rows) =>
        throw new NotSupportedException("rows of a shaped reader need their line numbers and bytes");

    bool IBatchLineReader<TRow>.StartsBlock(ulong mark) => false;

    bool IBatchLineReader<TRow>.TryCountBlock(ReadOnlySpan<TRow> rows, ReadOnlySpan<ChunkLine> lines, int firstRow, out BlockCount count)
    {
        count = default;
        return false;
    }

    bool IBatchLineReader<TRow>.TryBlock(ReadOnlySpan<byte> line, ulong mark, ReadOnlySpan<TRow> rows, in BlockCount count) => false;

    long IShapedBatch.Feed(IUtf8LineReader outer, ParallelInput input, long start, long end, Encoding encoding, Action<long>? onRead, CancellationToken cancel, int chunkBytes, int workers) =>
        ParallelUtf8Source.Feed(input, start, end, new OuterLines<TRow>(outer, this), encoding, onRead, cancel, chunkBytes, workers);
}

/// <summary>A reader that <see cref="ParallelUtf8Source"/> can feed in chunks (its rows' type kept inside).</summary>
internal interface IShapedBatch
{
    /// <summary>
    /// Feeds bytes [start, end) on every core; <paramref name="outer"/> is the reader as the format
    /// started it (perhaps <see cref="Text.UncoloredLines"/> around this one), which takes the other lines.
    /// </summary>
    long Feed(IUtf8LineReader outer, ParallelInput input, long start, long end, Encoding encoding, Action<long>? onRead, CancellationToken cancel, int chunkBytes, int workers);
}

/// <summary>Cuts a chunk's lines and keeps their rows (<see cref="IBatchLineReader{TRow}.TryParseRows"/>).</summary>
internal static class ShapedRows
{
    /// <summary>
    /// 256 KB: a chunk's bytes are copied into its buffer and cut while in the core's cache (with 1 MB
    /// chunks the copy was a fifth of the CPU); these rows cost less to parse than netstat's.
    /// </summary>
    public const int DefaultChunkBytes = 256 << 10;

    public static int Parse<TParser, TRow>(ReadOnlySpan<byte> data, int start, int limit, Span<TRow> rows, out int count)
        where TParser : struct, IShapedRowParser<TRow>
        where TRow : struct
    {
        var pendingCr = false;
        Span<Range> fields = stackalloc Range[8];
        var sink = new RowSink<TParser, TRow>(data.Length, limit, rows, fields);
        var next = LineShapes.Blocks(data, start, ref pendingCr, ref sink);
        count = sink.Count;
        return next;
    }

    private ref struct RowSink<TParser, TRow>(int length, int limit, Span<TRow> rows, Span<Range> fields) : IShapedLineSink
        where TParser : struct, IShapedRowParser<TRow>
        where TRow : struct
    {
        private readonly Span<TRow> _rows = rows;
        private readonly Span<Range> _fields = fields;

        public int Count { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Next(ReadOnlySpan<byte> line, in AsciiLineShape shape, int start, int end)
        {
            // A line starting at the limit is the next chunk's; a line end at the buffer's last byte may
            // be a CR whose LF is not read yet; a line of 1 MB or more is cut by the chunk reader.
            if (start >= limit || end + 1 >= length || Count == _rows.Length || end - start >= Utf8LineSource.MaxLine ||
                !TParser.TryParse(line, shape, start, _fields, out _rows[Count]))
            {
                return false;
            }

            Count++;
            return true;
        }
    }
}

/// <summary>
/// The batch reader as <see cref="ParallelUtf8Source"/> sees it: rows go to the reader that judged
/// them, every other line to the reader the format started (which may take colour out first).
/// </summary>
internal sealed class OuterLines<TRow>(IUtf8LineReader outer, IBatchLineReader<TRow> rows) : IBatchLineReader<TRow>
    where TRow : struct
{
    public bool TryParseRow(ReadOnlySpan<byte> line, out TRow row) => rows.TryParseRow(line, out row);

    public int TryParseRows(ReadOnlySpan<byte> data, int start, int limit, Span<TRow> parsed, out int count) =>
        rows.TryParseRows(data, start, limit, parsed, out count);

    public ulong MarkDeclined(ReadOnlySpan<byte> line) => rows.MarkDeclined(line);

    public ulong MarkKnownLine(ReadOnlySpan<byte> data, int start, out int lineEnd, out int next) => rows.MarkKnownLine(data, start, out lineEnd, out next);

    public bool TryDeclinedLine(ReadOnlySpan<byte> line, long number, ulong mark) => outer.TryLine(line, number);

    public void AcceptRows(ReadOnlySpan<TRow> accepted) => rows.AcceptRows(accepted);

    public void AcceptRows(ReadOnlySpan<TRow> accepted, long firstNumber, ReadOnlySpan<byte> chunk) => rows.AcceptRows(accepted, firstNumber, chunk);

    public bool StartsBlock(ulong mark) => false;

    public bool TryCountBlock(ReadOnlySpan<TRow> parsed, ReadOnlySpan<ChunkLine> lines, int firstRow, out BlockCount count)
    {
        count = default;
        return false;
    }

    public bool TryBlock(ReadOnlySpan<byte> line, ulong mark, ReadOnlySpan<TRow> parsed, in BlockCount count) => false;

    public bool TryLine(ReadOnlySpan<byte> line, long number) => outer.TryLine(line, number);

    public void Line(ReadOnlySpan<char> line, long number) => outer.Line(line, number);

    public void Finish() => outer.Finish();
}
