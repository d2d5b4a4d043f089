namespace PortDoctor.Core.Parsing;

/// <summary>
/// A byte line reader whose common line can be parsed apart from its state: <see cref="TryParseRow"/>
/// is pure and thread-safe, so a large file's chunks are parsed on several cores, and the rows
/// are handed back in file order through <see cref="AcceptRows"/>, the other lines through
/// TryLine/Line as usual. Both ways give the same result as reading the file line by line.
/// </summary>
public interface IBatchLineReader<TRow> : IUtf8LineReader
    where TRow : struct
{
    /// <summary>Pure: parses a line into a row, or declines it (it is then given to TryLine/Line in order).</summary>
    bool TryParseRow(ReadOnlySpan<byte> line, out TRow row);

    /// <summary>Rows of consecutive lines, in file order, on the reading thread.</summary>
    void AcceptRows(ReadOnlySpan<TRow> rows);
}
