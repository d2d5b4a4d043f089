using System.IO.MemoryMappedFiles;

namespace PortDoctor.Core.Parsing;

/// <summary>Reads up to buffer.Length bytes at an offset; 0 at the end. Safe to call from several threads.</summary>
public delegate int PositionalRead(long offset, Span<byte> buffer);

/// <summary>
/// Where <see cref="ParallelUtf8Source"/> takes its bytes from: a file mapped into memory, so
/// chunks are parsed where the page cache holds them (a read() copies every byte once more: about
/// a sixth of the parse of a 1 GB log), or, for other streams and files that may still change,
/// positional reads into each chunk's buffer. Each chunk maps only its own window and unmaps it
/// when done, so the pages mapped at once (and the resident size) stay a few chunks.
/// </summary>
public sealed unsafe class ParallelInput : IDisposable
{
    /// <summary>
    /// A file written to this recently is read, not mapped: a log still being written may be
    /// truncated under us (logrotate's copytruncate), and touching a mapped page past a file's new
    /// end stops the process (SIGBUS), where a read just returns less.
    /// </summary>
    public static readonly TimeSpan SettledAfter = TimeSpan.FromMinutes(2);

    private readonly MemoryMappedFile? _map;

    private ParallelInput(PositionalRead read, MemoryMappedFile? map = null) => (Read, _map) = (read, map);

    /// <summary>Positional reads (a mapped input too reads the rest of a file after an over-long line with them).</summary>
    public PositionalRead Read { get; }

    /// <summary>True when chunks point into a mapping of the file instead of copying.</summary>
    public bool IsMapped => _map is not null;

    /// <summary>Maps bytes [offset, offset + length) of the file.</summary>
    internal Window Map(long offset, int length) => new(_map!.CreateViewAccessor(offset, length, MemoryMappedFileAccess.Read));

    /// <summary>
    /// A file stream not written to for <see cref="SettledAfter"/> is mapped (when the OS lets it:
    /// otherwise read); any other seekable stream is read at offsets under a lock.
    /// </summary>
    public static ParallelInput Of(Stream stream, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream is not FileStream file)
        {
            return new ParallelInput((offset, buffer) =>
            {
                lock (stream)
                {
                    stream.Position = offset;
                    return stream.Read(buffer);
                }
            });
        }

        var handle = file.SafeFileHandle;
        PositionalRead read = (offset, buffer) => RandomAccess.Read(handle, buffer, offset);
        if (file.Length == 0 || now - File.GetLastWriteTimeUtc(file.Name) < SettledAfter)
        {
            return new ParallelInput(read);
        }

        MemoryMappedFile? map = null;
        try
        {
            map = MemoryMappedFile.CreateFromFile(handle, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);

            // One window mapped and unmapped here, so a file system that maps no views is read instead.
            map.CreateViewAccessor(0, Math.Min(file.Length, 4096), MemoryMappedFileAccess.Read).Dispose();
            return new ParallelInput(read, map);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Not mappable here (a special file, a file system without mmap): read it instead.
            map?.Dispose();
            return new ParallelInput(read);
        }
    }

    public void Dispose() => _map?.Dispose();

    /// <summary>A mapped window of the file, unmapped on Dispose.</summary>
    internal sealed class Window : IDisposable
    {
        private readonly MemoryMappedViewAccessor _view;
        private byte* _start;

        public Window(MemoryMappedViewAccessor view)
        {
            _view = view;
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            _start = pointer + view.PointerOffset;
        }

        /// <summary>The window's first byte.</summary>
        public byte* Start => _start;

        public void Dispose()
        {
            if (_start != null)
            {
                _start = null;
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
            }

            _view.Dispose();
        }
    }
}
