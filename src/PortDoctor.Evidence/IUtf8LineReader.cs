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
