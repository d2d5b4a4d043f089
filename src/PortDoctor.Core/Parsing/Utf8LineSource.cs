using System.Text;

namespace PortDoctor.Core.Parsing;

/// <summary>
/// The byte counterpart of <see cref="LineSource"/> for UTF-8 (and so ASCII) input: lines are cut
/// in the read buffer and offered as bytes first, so the common line costs no decoding at all.
/// Line ends, numbering and the cut of over-long lines are those of LineSource (CR, LF and CRLF
/// end a line, also when a CRLF is split across two reads). Line ends are ASCII and never part of
/// a multi-byte sequence, so decoding line by line gives the same text as decoding the stream.
/// </summary>
public static class Utf8LineSource
{
    private const int BufferSize = 1 << 20;
    private const int MaxLine = 1 << 20;

    /// <summary>Feeds every line of the stream from its current position; returns how many lines there were.</summary>
    public static long Feed(Stream stream, IUtf8LineReader target, Encoding encoding, Action? onChunk = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(encoding);
        var buffer = new byte[BufferSize];
        var chars = new char[256];
        var filled = 0;
        long number = 0;
        var pendingCr = false;
        void Deliver(ReadOnlySpan<byte> line)
        {
            number++;
            if (target.TryLine(line, number))
            {
                return;
            }

            var needed = encoding.GetMaxCharCount(line.Length);
            if (needed > chars.Length)
            {
                chars = new char[Math.Max(needed, chars.Length * 2)];
            }

            var count = encoding.GetChars(line, chars);
            target.Line(chars.AsSpan(0, count), number);
        }

        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (filled == buffer.Length)
            {
                // Only an over-long line fills the whole buffer: cut it as LineSource does.
                Deliver(buffer.AsSpan(0, Math.Min(filled, MaxLine)));
                filled = 0;
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }

            onChunk?.Invoke();
            var span = buffer.AsSpan(0, filled + read);
            var start = LineEnds.Cut<byte>(span, (byte)'\r', (byte)'\n', filled == 0, ref pendingCr, Deliver);
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
