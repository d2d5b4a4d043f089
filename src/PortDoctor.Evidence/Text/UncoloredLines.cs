namespace PortDoctor.Evidence.Text;

/// <summary>
/// Hands a reader its lines without VT color sequences: PowerShell 7.2+ writes the table header and
/// Format-List labels in color into files too (PowerShell/PowerShell#17570) and a legacy console
/// shows them as "←[32;1m" (#15978). Lines without an escape pass through untouched.
/// </summary>
internal sealed class UncoloredLines(IEvidenceLineReader inner) : IUtf8LineReader
{
    private readonly IUtf8LineReader? _bytes = inner as IUtf8LineReader;

    /// <summary>Whether the inner reader declines every line with an escape or an arrow by itself (both are no plain ASCII).</summary>
    private readonly bool _declinesColor = inner is IPlainAsciiLineReader;

    /// <summary>
    /// The inner reader, when it takes lines with their shape and declines colored lines itself: the
    /// line cutter may then hand it every line directly, as <see cref="TryLine"/> would.
    /// </summary>
    public IShapedLineReader? Shaped => _declinesColor ? inner as IShapedLineReader : null;

    /// <summary>A line without an escape goes to the inner reader's byte fast path, when it has one.</summary>
    /// <remarks>
    /// One scan for ESC and the first byte of "\u2190" (0xE2) together, and none for a reader that
    /// declines colored lines itself: only a line with either byte is searched for the whole arrow.
    /// </remarks>
    public bool TryLine(ReadOnlySpan<byte> line, long number) =>
        _bytes is { } bytes &&
        (_declinesColor || line.IndexOfAny((byte)0x1B, (byte)0xE2) < 0 || (!line.Contains((byte)0x1B) && line.IndexOf("\u2190"u8) < 0)) &&
        bytes.TryLine(line, number);

    public void Line(ReadOnlySpan<char> line, long number) => inner.Line(PastedMarkup.WithoutColor(line), number);

    public void Finish() => inner.Finish();
}
