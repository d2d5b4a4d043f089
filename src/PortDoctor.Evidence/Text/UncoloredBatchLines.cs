namespace PortDoctor.Evidence.Text;

/// <summary>
/// <see cref="UncoloredLines"/> for a reader whose rows are parsed on the parallel reader's chunk
/// workers: a line with a colour escape (or the "←" a pasted escape leaves) is no row there, so it
/// reaches <see cref="Line"/>, which reads it without its colour as UncoloredLines does.
/// </summary>
internal sealed class UncoloredBatchLines<TRow>(IBatchLineReader<TRow> inner) : IBatchLineReader<TRow>
    where TRow : struct
{
    public bool TryLine(ReadOnlySpan<byte> line, long number) => IsUncolored(line) && inner.TryLine(line, number);

    public bool TryParseRow(ReadOnlySpan<byte> line, out TRow row)
    {
        row = default;
        return IsUncolored(line) && inner.TryParseRow(line, out row);
    }

    public ulong MarkDeclined(ReadOnlySpan<byte> line) => IsUncolored(line) ? inner.MarkDeclined(line) : 0;

    public bool TryDeclinedLine(ReadOnlySpan<byte> line, long number, ulong mark) => IsUncolored(line) && inner.TryDeclinedLine(line, number, mark);

    public void AcceptRows(ReadOnlySpan<TRow> rows, long firstNumber) => inner.AcceptRows(rows, firstNumber);

    public void Line(ReadOnlySpan<char> line, long number) => inner.Line(PastedMarkup.WithoutColor(line), number);

    public void Finish() => inner.Finish();

    private static bool IsUncolored(ReadOnlySpan<byte> line) => !line.Contains((byte)0x1B) && line.IndexOf("\u2190"u8) < 0;
}
