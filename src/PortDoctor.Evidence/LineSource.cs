namespace PortDoctor.Evidence;

/// <summary>
/// Feeds a reader's lines to a line reader as spans over one reused buffer: no string per line,
/// so a 1 GB log costs the same memory as a 1 KB one. CR, LF and CRLF all end a line; a line
/// longer than the buffer limit is cut and the pieces are fed separately (they then fail to parse
/// and are counted as unreadable, which is what a binary file's "lines" deserve).
/// </summary>
internal static class LineSource
{
    private const int InitialBuffer = 1 << 16;
    private const int MaxLine = Utf8LineSource.MaxLine;

    /// <summary>Feeds every line; returns how many lines there were.</summary>
    public static long Feed(TextReader reader, IEvidenceLineReader target, Action? onChunk = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(target);
        var buffer = new char[InitialBuffer];
        var filled = 0;
        long number = 0;
        var pendingCr = false;
        long unbroken = 0;

        // The pieces of a cut line share its number: the line after it is numbered as in the file.
        var continued = false;
        void Deliver(ReadOnlySpan<char> line)
        {
            target.Line(line, continued ? number : ++number);
            continued = false;
        }

        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (filled == buffer.Length)
            {
                if (buffer.Length >= MaxLine)
                {
                    Deliver(buffer.AsSpan(0, filled));
                    continued = true;
                    filled = 0;
                    unbroken = Utf8LineSource.NoLineEnd(unbroken + MaxLine);
                }
                else
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            var read = reader.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }

            onChunk?.Invoke();
            var span = buffer.AsSpan(0, filled + read);
            var start = LineEnds.Cut<char>(span, '\r', '\n', filled == 0, ref pendingCr, Deliver);
            unbroken = start > 0 ? 0 : unbroken;
            filled = span.Length - start;
            span[start..].CopyTo(buffer);
        }

        if (filled > 0)
        {
            // A truncated last line (no line ending) is still a line.
            Deliver(buffer.AsSpan(0, filled));
        }

        target.Finish();
        return number;
    }
}
