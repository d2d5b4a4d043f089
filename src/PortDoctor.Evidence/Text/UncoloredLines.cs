namespace PortDoctor.Evidence.Text;

/// <summary>
/// Hands a reader its lines without VT color sequences: PowerShell 7.2+ writes the table header and
/// Format-List labels in color into files too (PowerShell/PowerShell#17570) and a legacy console
/// shows them as "←[32;1m" (#15978). Lines without an escape pass through untouched.
/// </summary>
internal sealed class UncoloredLines(IEvidenceLineReader inner) : IEvidenceLineReader
{
    public void Line(ReadOnlySpan<char> line, long number) => inner.Line(PastedMarkup.WithoutColor(line), number);

    public void Finish() => inner.Finish();
}
