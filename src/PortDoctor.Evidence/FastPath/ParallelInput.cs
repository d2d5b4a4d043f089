using System.IO.MemoryMappedFiles;

namespace PortDoctor.Evidence.FastPath;

/// <summary>Reads up to buffer.Length bytes at an offset; 0 at the end. Safe to call from several threads.</summary>
public delegate int PositionalRead(long offset, Span<byte> buffer);

/// <summary>
/// Where <see cref="ParallelUtf8Source"/> takes its bytes from: a file mapped into memory, so
/// chunks are parsed where the page cache holds them (a read() copies every byte once more: about
/// a sixth of the parse of a 1 GB log), or, for other streams and files that may still change,
/// positional reads into each chunk's buffer. The file is mapped in segments of 16 MB that
/// chunks share (a mapping per 1 MB chunk cost a tenth of the CPU in map and unmap calls); a
/// segment is unmapped once no chunk uses it and a later one is mapped, so a few segments are
/// mapped at once and the resident size stays constant whatever the file's size.
/// </summary>
public sealed unsafe class ParallelInput : IDisposable
{
    /// <summary>
    /// A file written to this recently is read, not mapped: a log still being written may be
    /// truncated under us (logrotate's copytruncate), and touching a mapped page past a file's new
    /// end stops the process (SIGBUS), where a read just returns less.
    /// </summary>
    public static readonly TimeSpan SettledAfter = TimeSpan.FromMinutes(2);

    /// <summary>Bytes per segment; a segment maps <see cref="Overlap"/> more, so a chunk (4 MB and its slack) that starts in it fits.</summary>
    private const long SegmentBytes = 16 << 20;
    private const long Overlap = 8 << 20;

    private readonly MemoryMappedFile? _map;
    private readonly long _length;
    private readonly Dictionary<long, Segment> _segments = [];

    private ParallelInput(PositionalRead read, MemoryMappedFile? map = null, long length = 0) => (Read, _map, _length) = (read, map, length);

    /// <summary>Positional reads (a mapped input too reads the rest of a file after an over-long line with them).</summary>
    public PositionalRead Read { get; }

    /// <summary>True when chunks point into a mapping of the file instead of copying.</summary>
    public bool IsMapped => _map is not null;

    /// <summary>
    /// Bytes [offset, offset + length) of the file, mapped: inside the segment the offset falls in
    /// when they fit there, else (a line longer than the overlap) in a window of their own.
    /// </summary>
    internal Window Map(long offset, int length)
    {
        var index = offset / SegmentBytes;
        if (offset + length > (index * SegmentBytes) + SegmentBytes + Overlap)
        {
            var view = _map!.CreateViewAccessor(offset, length, MemoryMappedFileAccess.Read);
            return new Window(this, null, view, Pointer(view));
        }

        lock (_segments)
        {
            if (!_segments.TryGetValue(index, out var segment))
            {
                // Segments no chunk uses any more, from before this one, are unmapped.
                foreach (var (old, idle) in _segments.Where(e => e.Key < index && e.Value.Users == 0).ToList())
                {
                    Unmap(idle.View);
                    _segments.Remove(old);
                }

                var start = index * SegmentBytes;
                var view = _map!.CreateViewAccessor(start, Math.Min(_length - start, SegmentBytes + Overlap), MemoryMappedFileAccess.Read);
                segment = new Segment(view, Pointer(view) - start);
                _segments[index] = segment;
            }

            segment.Users++;
            return new Window(this, segment, null, segment.Base + offset);
        }
    }

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
            return new ParallelInput(read, map, file.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Not mappable here (a special file, a file system without mmap): read it instead.
            map?.Dispose();
            return new ParallelInput(read);
        }
    }

    public void Dispose()
    {
        lock (_segments)
        {
            foreach (var segment in _segments.Values)
            {
                Unmap(segment.View);
            }

            _segments.Clear();
        }

        _map?.Dispose();
    }

    private static byte* Pointer(MemoryMappedViewAccessor view)
    {
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        return pointer + view.PointerOffset;
    }

    private static void Unmap(MemoryMappedViewAccessor view)
    {
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
    }

    private void Release(Segment? segment, MemoryMappedViewAccessor? view)
    {
        if (view is not null)
        {
            Unmap(view);
            return;
        }

        lock (_segments)
        {
            segment!.Users--;
        }
    }

    /// <summary>A mapped segment of the file: its address as if the whole file were mapped, and its users.</summary>
    internal sealed class Segment(MemoryMappedViewAccessor view, byte* fileBase)
    {
        public MemoryMappedViewAccessor View { get; } = view;

        public byte* Base { get; } = fileBase;

        public int Users { get; set; }
    }

    /// <summary>Mapped bytes a chunk uses; Dispose gives them back.</summary>
    internal sealed class Window(ParallelInput input, Segment? segment, MemoryMappedViewAccessor? view, byte* start) : IDisposable
    {
        private bool _disposed;

        /// <summary>The window's first byte.</summary>
        public byte* Start { get; } = start;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                input.Release(segment, view);
            }
        }
    }
}
