namespace PortDoctor.Evidence;

/// <summary>
/// A line reader that can take some lines of UTF-8/ASCII input straight as bytes. TryLine returns
/// false for a line it leaves to the general path; that line is then decoded and given to Line.
/// </summary>
internal interface IUtf8LineReader : IEvidenceLineReader
{
    bool TryLine(ReadOnlySpan<byte> line, long number);
}

/// <summary>
/// A byte reader whose TryLine declines, having changed nothing, every line holding a byte that is
/// neither printable ASCII nor tab: a wrapper need not look for escapes or non-ASCII text itself.
/// </summary>
internal interface IPlainAsciiLineReader : IUtf8LineReader;

/// <summary>
/// A byte reader that also takes a line with its <see cref="FastPath.AsciiLineShape"/>, which the line
/// cutter finds while it looks for the line's end (<see cref="FastPath.LineShapes"/>): one pass over
/// the bytes instead of one for the line end and another for the fields. For a shape equal to
/// <c>AsciiLineShape.Of(line)</c> it answers and does what <see cref="IUtf8LineReader.TryLine"/> does.
/// </summary>
internal interface IShapedLineReader : IUtf8LineReader
{
    bool TryLine(ReadOnlySpan<byte> line, in FastPath.AsciiLineShape shape, long number);
}
