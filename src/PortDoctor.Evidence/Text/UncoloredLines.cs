namespace PortDoctor.Evidence.Text;

/// <summary>
/// Hands a reader its lines without VT color sequences: PowerShell 7.2+ writes the table header and
/// Format-List labels in color into files too (PowerShell/PowerShell#17570) and a legacy console
/// shows them as "←[32;1m" (#15978). Lines without an escape pass through untouched.
/// </summary>
internal sealed class UncoloredLines(IEvidenceLineReader inner) : IUtf8LineReader
{
    /// <summary>A line without an escape goes to the inner reader's byte fast path, when it has one.</summary>
    public bool TryLine(ReadOnlySpan<byte> line, long number) =>
        inner is IUtf8LineReader bytes && !line.Contains((byte)0x1B) && line.IndexOf("\u2190"u8) < 0 && bytes.TryLine(line, number);

    public void Line(ReadOnlySpan<char> line, long number) => inner.Line(PastedMarkup.WithoutColor(line), number);

    public void Finish() => inner.Finish();
}
