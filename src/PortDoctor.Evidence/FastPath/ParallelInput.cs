namespace PortDoctor.Evidence.FastPath;

/// <summary>Reads up to buffer.Length bytes at an offset; 0 at the end. Safe to call from several threads.</summary>
public delegate int PositionalRead(long offset, Span<byte> buffer);

/// <summary>
/// Where <see cref="ParallelUtf8Source"/> takes its bytes from: positional reads (pread) into each
/// chunk's buffer. Files are read, never mapped: a mapped file that shrinks under the reader
/// (<c>cp</c> over it, logrotate's copytruncate) stops the process with SIGBUS the moment a page
/// past its new end is touched, and .NET cannot catch that; a read just returns less, which
/// <see cref="ParallelUtf8Source"/> reports as a file that changed while being read. Mapping saved
/// about a sixth of the CPU of a 1 GB log (docs/benchmarks.md).
/// </summary>
internal sealed class ParallelInput : IDisposable
{
    private ParallelInput(PositionalRead read) => Read = read;

    /// <summary>Positional reads of the input.</summary>
    public PositionalRead Read { get; }

    /// <summary>A file stream is read at offsets through its handle; any other seekable stream under a lock.</summary>
    public static ParallelInput Of(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream is FileStream file)
        {
            var handle = file.SafeFileHandle;
            return new ParallelInput((offset, buffer) => RandomAccess.Read(handle, buffer, offset));
        }

        return new ParallelInput((offset, buffer) =>
        {
            lock (stream)
            {
                stream.Position = offset;
                return stream.Read(buffer);
            }
        });
    }

    public void Dispose()
    {
        // Nothing is held beyond the stream, which its owner disposes; kept so callers need not change when it is.
    }
}
