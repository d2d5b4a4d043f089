namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// A byte line reader whose common line can be parsed apart from its state: <see cref="TryParseRow"/>
/// is pure and thread-safe, so a large file's chunks are parsed on several cores, and the rows
/// are handed back in file order through <see cref="AcceptRows"/>, the other lines through
/// TryLine/Line as usual. Both ways give the same result as reading the file line by line.
/// </summary>
internal interface IBatchLineReader<TRow> : IUtf8LineReader
    where TRow : struct
{
    /// <summary>Pure: parses a line into a row, or declines it (it is then given to TryLine/Line in order).</summary>
    bool TryParseRow(ReadOnlySpan<byte> line, out TRow row);

    /// <summary>
    /// Pure: parses the rows of consecutive lines from <paramref name="start"/> of
    /// <paramref name="data"/>, cutting their lines itself (CR, LF, CRLF), while a line starts
    /// before <paramref name="limit"/> and <paramref name="rows"/> has room; returns where the next
    /// line starts. It may stop at any line: that line and the rest go through TryParseRow and
    /// TryLine as usual, so a row it parses must be the row TryParseRow gives for that line (or
    /// TryParseRow declines it, and TryDeclinedLine then does with that line what the row would do).
    /// </summary>
    int TryParseRows(ReadOnlySpan<byte> data, int start, int limit, Span<TRow> rows, out int count);

    /// <summary>
    /// Pure: what can be told about a line <see cref="TryParseRow"/> declined without the reader's
    /// state (0: nothing), worked out on the chunk's worker and handed to <see cref="TryDeclinedLine"/>.
    /// </summary>
    ulong MarkDeclined(ReadOnlySpan<byte> line);

    /// <summary>
    /// Pure: the line at <paramref name="start"/> of <paramref name="data"/> when the reader knows it
    /// without the usual steps (a line <see cref="TryParseRow"/> declines, cut at its first CR or LF,
    /// whose mark is <see cref="MarkDeclined"/>'s): its mark, its end and where the next line starts
    /// (CRLF is one end; both inside <paramref name="data"/>). 0 when it does not know the line, which
    /// then goes the usual way.
    /// </summary>
    ulong MarkKnownLine(ReadOnlySpan<byte> data, int start, out int lineEnd, out int next);

    /// <summary>
    /// TryLine for a line <see cref="TryParseRow"/> declined: what TryLine does, without trying the
    /// row again, helped by the line's <paramref name="mark"/> from <see cref="MarkDeclined"/> (0 when it has none).
    /// </summary>
    bool TryDeclinedLine(ReadOnlySpan<byte> line, long number, ulong mark);

    /// <summary>Rows of consecutive lines, in file order, on the reading thread.</summary>
    void AcceptRows(ReadOnlySpan<TRow> rows);

    /// <summary>
    /// <see cref="AcceptRows(ReadOnlySpan{TRow})"/> with the number of the first row's line and the
    /// bytes of the chunk the rows were parsed from (a row may name a piece of its line by offset).
    /// </summary>
    void AcceptRows(ReadOnlySpan<TRow> rows, long firstNumber, ReadOnlySpan<byte> chunk) => AcceptRows(rows);

    /// <summary>Pure: whether the line with this mark starts a block (a periodic log's sample) that the next such line ends.</summary>
    bool StartsBlock(ulong mark);

    /// <summary>
    /// Pure, on the chunk's worker: counts a whole block, its <paramref name="rows"/> (from row
    /// <paramref name="firstRow"/> of the chunk) and its other <paramref name="lines"/> after its first;
    /// false leaves the block to be read line by line.
    /// </summary>
    bool TryCountBlock(ReadOnlySpan<TRow> rows, ReadOnlySpan<ChunkLine> lines, int firstRow, out BlockCount count);

    /// <summary>
    /// On the reading thread, at a counted block's first <paramref name="line"/>: takes the whole
    /// block as its lines one by one would leave it (its other lines are then not delivered), or
    /// returns false having changed nothing, and the block is read line by line.
    /// </summary>
    bool TryBlock(ReadOnlySpan<byte> line, ulong mark, ReadOnlySpan<TRow> rows, in BlockCount count);
}
