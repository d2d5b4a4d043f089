using System.Text;

namespace PortDoctor.Evidence;

/// <summary>
/// The byte counterpart of <see cref="LineSource"/> for UTF-8 (and so ASCII) input: lines are cut
/// in the read buffer and offered as bytes first, so the common line costs no decoding at all.
/// Line ends, numbering and the cut of over-long lines are those of LineSource (CR, LF and CRLF
/// end a line, also when a CRLF is split across two reads). Line ends are ASCII and never part of
/// a multi-byte sequence, so decoding line by line gives the same text as decoding the stream.
/// </summary>
internal static class Utf8LineSource
{
    /// <summary>A line of this many bytes or more is cut into pieces of this size (a binary file's "lines").</summary>
    public const int MaxLine = 1 << 20;

    /// <summary>
    /// Bytes without any line end after which input is no text evidence (a device such as /dev/zero,
    /// a binary file read as a forced format): reading stops with <see cref="InvalidDataException"/>.
    /// </summary>
    public const int MaxUnbrokenBytes = 16 << 20;
    private const int BufferSize = MaxLine;

    /// <summary>
    /// Feeds every line of the stream from its current position, numbering them after
    /// <paramref name="firstNumber"/>; returns the number of the last line.
    /// </summary>
    public static long Feed(
        Stream stream, IUtf8LineReader target, Encoding encoding, Action? onChunk = null, CancellationToken cancel = default, long firstNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(encoding);
        var buffer = new byte[BufferSize];
        var decoder = new Decoder(target, encoding);
        var filled = 0;
        var number = firstNumber;
        var pendingCr = false;
        long unbroken = 0;

        // The pieces of a cut line share its number: the line after it is numbered as in the file.
        var continued = false;
        void Deliver(ReadOnlySpan<byte> line)
        {
            decoder.Deliver(line, continued ? number : ++number);
            continued = false;
        }

        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (filled == buffer.Length)
            {
                // Only an over-long line fills the whole buffer: cut it as LineSource does.
                Deliver(buffer.AsSpan(0, Math.Min(filled, MaxLine)));
                continued = true;
                filled = 0;
                unbroken = NoLineEnd(unbroken + MaxLine);
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }

            onChunk?.Invoke();
            var span = buffer.AsSpan(0, filled + read);
            var start = LineEnds.Cut<byte>(span, (byte)'\r', (byte)'\n', filled == 0, ref pendingCr, Deliver);
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

    /// <summary>Throws once <paramref name="unbroken"/> reaches <see cref="MaxUnbrokenBytes"/>; returns it otherwise.</summary>
    internal static long NoLineEnd(long unbroken) => unbroken < MaxUnbrokenBytes ? unbroken : throw new InvalidDataException(
        $"no line end within {MaxUnbrokenBytes >> 20} MB: not text evidence");

    /// <summary>Offers a line as bytes first, and decodes it for the general path only when declined.</summary>
    internal sealed class Decoder(IUtf8LineReader target, Encoding encoding)
    {
        private char[] _chars = new char[256];

        public void Deliver(ReadOnlySpan<byte> line, long number)
        {
            if (!target.TryLine(line, number))
            {
                DeliverDecoded(line, number);
            }
        }

        /// <summary>Decodes the line and hands it to Line (for a line whose bytes were already offered).</summary>
        public void DeliverDecoded(ReadOnlySpan<byte> line, long number)
        {
            var needed = encoding.GetMaxCharCount(line.Length);
            if (needed > _chars.Length)
            {
                _chars = new char[Math.Max(needed, _chars.Length * 2)];
            }

            var count = encoding.GetChars(line, _chars);
            target.Line(_chars.AsSpan(0, count), number);
        }
    }
}
