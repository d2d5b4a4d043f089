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
    private const int ReadBytes = 128 << 10;

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
        var decoder = new Decoder(target, encoding) { Number = firstNumber };
        var filled = 0;
        var pendingCr = false;
        long unbroken = 0;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (filled == buffer.Length)
            {
                // Only an over-long line fills the whole buffer: cut it as LineSource does.
                decoder.Next(buffer.AsSpan(0, Math.Min(filled, MaxLine)));
                decoder.Continued = true;
                filled = 0;
                unbroken = NoLineEnd(unbroken + MaxLine);
            }

            // Reads of ReadBytes, which stay in the core's cache while they are cut (the buffer does
            // not); at least as many as are held, so a long line is searched for its end a few times, not 8.
            var read = stream.Read(buffer, filled, Math.Min(buffer.Length - filled, Math.Max(ReadBytes, filled)));
            if (read == 0)
            {
                break;
            }

            onChunk?.Invoke();
            var span = buffer.AsSpan(0, filled + read);
            var start = LineEnds.Cut(span, filled == 0, ref pendingCr, decoder);
            unbroken = start > 0 ? 0 : unbroken;
            filled = span.Length - start;
            span[start..].CopyTo(buffer);
        }

        if (filled > 0)
        {
            // A truncated last line (no line ending) is still a line.
            decoder.Next(buffer.AsSpan(0, filled));
        }

        target.Finish();
        return decoder.Number;
    }

    /// <summary>Throws once <paramref name="unbroken"/> reaches <see cref="MaxUnbrokenBytes"/>; returns it otherwise.</summary>
    internal static long NoLineEnd(long unbroken) => unbroken < MaxUnbrokenBytes ? unbroken : throw new InvalidDataException(
        $"no line end within {MaxUnbrokenBytes >> 20} MB: not text evidence");

    /// <summary>Offers a line as bytes first, and decodes it for the general path only when declined.</summary>
    internal sealed class Decoder(IUtf8LineReader target, Encoding encoding)
    {
        private char[] _chars = new char[256];

        /// <summary>
        /// The reader that takes lines with their shape: the target itself, or the reader inside a
        /// wrapper that passes it every plain line unchanged (<see cref="Text.UncoloredLines.Shaped"/>).
        /// </summary>
        private readonly IShapedLineReader? _shaped = target is Text.UncoloredLines uncolored ? uncolored.Shaped : target as IShapedLineReader;

        /// <summary>Whether the line cutter should find each line's shape (<see cref="FastPath.LineShapes"/>).</summary>
        public bool TakesShapes => _shaped is not null;

        /// <summary>The number of the last line handed on.</summary>
        public long Number { get; set; }

        /// <summary>
        /// Set after a piece of a line cut for its length: the pieces of a cut line share its number,
        /// and the line after it is numbered as in the file.
        /// </summary>
        public bool Continued { get; set; }

        /// <summary>Numbers the next line and hands it on.</summary>
        public void Next(ReadOnlySpan<byte> line)
        {
            Deliver(line, Continued ? Number : ++Number);
            Continued = false;
        }

        /// <summary>Numbers the next line and hands it on with its shape (only when <see cref="TakesShapes"/>).</summary>
        public void Next(ReadOnlySpan<byte> line, in FastPath.AsciiLineShape shape)
        {
            var number = Continued ? Number : ++Number;
            Continued = false;
            if (!_shaped!.TryLine(line, shape, number))
            {
                DeliverDecoded(line, number);
            }
        }

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
