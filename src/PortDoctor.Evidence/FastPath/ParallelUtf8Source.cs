using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text;

namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// Feeds a large UTF-8 file to an <see cref="IBatchLineReader{TRow}"/> using every core: the file
/// is cut into chunks, each chunk's lines are cut and its common rows parsed by worker threads
/// (at most a few chunks ahead, so memory stays constant), and the reading thread hands rows and
/// the other lines to the reader in file order, numbered as <see cref="Utf8LineSource"/> numbers
/// them. A chunk owns the lines that start in it; the line that crosses its end is read on. Runs of
/// common rows are parsed in one call (<see cref="IBatchLineReader{TRow}.TryParseRows"/>, which cuts
/// their lines itself); a line it leaves is cut here and offered to TryParseRow. A line of 1 MB or
/// more (a binary file) hands the rest of the file to <see cref="Utf8LineSource"/>, which cuts such
/// lines, so both sources give the reader the same lines.
/// </summary>
internal static class ParallelUtf8Source
{
    /// <summary>1 MB: large enough that the hand-over costs little, small enough that a chunk read into a buffer stays in cache (4 MB was ~10% slower).</summary>
    public const int DefaultChunkBytes = 1 << 20;
    private const int Slack = 1 << 16;

    /// <summary>
    /// The chunk size for <paramref name="bytes"/> of input: a 32nd of it, from 64 KB up to <paramref name="largest"/>.
    /// A file of a few MB in full-size chunks would keep one worker idle and touch a window of fresh chunks (a page
    /// costs ~4 us on first touch): a 4 MB log of one-row samples read in 23 ms so, in 17 ms in 128 KB chunks.
    /// </summary>
    public static int ChunkBytesFor(long bytes, int largest) => (int)Math.Clamp(bytes / 32, Math.Min(64 << 10, largest), largest);

    /// <summary>Feeds the lines of bytes [start, end); returns how many lines there were.</summary>
    public static long Feed<TRow>(
        ParallelInput input, long start, long end, IBatchLineReader<TRow> target, Encoding encoding,
        Action<long>? onProgress = null, CancellationToken cancel = default, int chunkBytes = DefaultChunkBytes, int workers = 0)
        where TRow : struct
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        workers = workers > 0 ? workers : Environment.ProcessorCount;
        var chunkCount = (int)Math.Max(1, ((end - start) + chunkBytes - 1) / chunkBytes);

        // Waits block without spinning (Monitor): spinning would take the cores the parsing needs.
        var gate = new object();
        var ready = new object?[chunkCount];
        var window = workers * 2;
        var next = 0;
        var consumed = 0;
        var stopped = false;
        // Who waits, so that a chunk done or taken wakes a thread only when one waits for it (a wake is a futex call).
        var (awaited, workersWaiting) = (-1, 0);
        // Each worker reuses its own chunks (buffer, rows, lines): the buffer a read copies into is one this core
        // wrote last, not one the pool hands over cold from the other core, and the rows grown once stay grown.
        var shelves = new ChunkShelf<TRow>[workers];
        void Work(ChunkShelf<TRow> shelf)
        {
            while (true)
            {
                int k;
                lock (gate)
                {
                    while (!stopped && next < chunkCount && next >= consumed + window)
                    {
                        workersWaiting++;
                        Monitor.Wait(gate);
                        workersWaiting--;
                    }

                    if (stopped || next >= chunkCount)
                    {
                        return;
                    }

                    k = next++;
                }

                object result;
                try
                {
                    var from = start + ((long)k * chunkBytes);
                    result = Parse(shelf, target, from, Math.Min(end, from + chunkBytes), end, start);
                }
                catch (Exception ex)
                {
                    result = ExceptionDispatchInfo.Capture(ex);
                }

                lock (gate)
                {
                    ready[k] = result;
                    if (awaited == k)
                    {
                        Monitor.PulseAll(gate);
                    }
                }
            }
        }

        var threads = new Thread[workers];
        for (var w = 0; w < workers; w++)
        {
            var shelf = shelves[w] = new ChunkShelf<TRow>(input, shelves);
            threads[w] = new Thread(() => Work(shelf)) { IsBackground = true, Name = "portdoctor-parse" };
            threads[w].Start();
        }

        var delivery = new LineDelivery<TRow>(target, encoding);
        try
        {
            for (var k = 0; k < chunkCount; k++)
            {
                object result;
                lock (gate)
                {
                    while (ready[k] is null)
                    {
                        awaited = k;
                        Monitor.Wait(gate);
                    }

                    awaited = -1;
                    result = ready[k]!;
                    ready[k] = null;
                    consumed = k + 1;
                    if (workersWaiting > 0)
                    {
                        Monitor.PulseAll(gate);
                    }
                }

                if (result is ExceptionDispatchInfo failure)
                {
                    failure.Throw();
                }

                var chunk = (Chunk<TRow>)result;
                try
                {
                    cancel.ThrowIfCancellationRequested();
                    delivery.Deliver(chunk);
                }
                finally
                {
                    chunk.Return();
                }

                if (chunk.LongLineAt is long longLine)
                {
                    // The rest goes line by line, cut as Utf8LineSource cuts lines of 1 MB or more.
                    Stop();
                    var rest = new PositionalStream(input.Read, longLine, end);
                    return Utf8LineSource.Feed(rest, target, encoding, onChunk: null, cancel, firstNumber: delivery.Lines);
                }

                onProgress?.Invoke(Math.Min(end, start + ((long)(k + 1) * chunkBytes)) - start);
            }
        }
        finally
        {
            Stop();
        }

        target.Finish();
        return delivery.Lines;

        void Stop()
        {
            lock (gate)
            {
                stopped = true;
                Monitor.PulseAll(gate);
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }

            // Chunks parsed ahead of an early stop give back their buffers, and the workers' chunks theirs.
            foreach (var left in ready)
            {
                (left as Chunk<TRow>)?.Return();
            }

            Array.Clear(ready);
            foreach (var shelf in shelves)
            {
                shelf?.Release();
            }
        }
    }

    /// <summary>Cuts the lines that start in [from, to) and parses the rows among them.</summary>
    private static Chunk<TRow> Parse<TRow>(ChunkShelf<TRow> shelf, IBatchLineReader<TRow> target, long from, long to, long end, long start)
        where TRow : struct
    {
        // The window starts one byte early: that byte tells whether a line starts at `from`.
        var origin = from == start ? from : from - 1;
        // Read past the chunk's end for the line that crosses it: a sixteenth of a chunk, at most 64 KB
        // (a 64 KB slack on a 256 KB chunk was a quarter more to copy; a longer line grows the buffer).
        var slack = (int)Math.Clamp((to - from) / 16, 4096, Slack);
        var chunk = shelf.Take(origin, (int)Math.Min(end - origin, (to - origin) + slack), end);
        var i = (int)(from - origin);
        var bytes = chunk.Bytes;
        if (from != start && bytes[0] is not (byte)'\n' && !(bytes[0] == '\r' && (i >= chunk.Length || bytes[i] != '\n')))
        {
            // `from` is inside a line (or inside a CRLF): the chunk's first line starts after its end.
            if (!chunk.TryLineEnd(i, out var lineEnd))
            {
                return chunk;
            }

            i = chunk.After(lineEnd);
        }

        var limit = (int)(to - origin);
        while (i < limit && i < chunk.Length)
        {
            // A run of common rows, lines cut by the row parser itself; then one line the slow way.
            i = chunk.ParseRows(target, i, limit);
            if (i >= limit || i >= chunk.Length)
            {
                break;
            }

            // Lines the reader knows at once (a periodic log's repeated timestamp, blank and header lines).
            var known = chunk.MarkKnownLines(target, i, limit);
            if (known > i)
            {
                i = known;
                continue;
            }

            if (!chunk.TryLineEnd(i, out var lineEnd))
            {
                // The last line of the file, without a line end.
                lineEnd = chunk.Length;
            }

            if (lineEnd - i >= Utf8LineSource.MaxLine)
            {
                chunk.LongLineAt = origin + i;
                return chunk;
            }

            var line = chunk.Bytes.Slice(i, lineEnd - i);
            if (target.TryParseRow(line, out var row))
            {
                chunk.AddRow(row);
            }
            else
            {
                chunk.AddOther(i, lineEnd - i, target.MarkDeclined(line));
            }

            chunk.Lines++;
            i = lineEnd == chunk.Length ? lineEnd : chunk.After(lineEnd);
        }

        chunk.CountBlocks(target);
        return chunk;
    }

    /// <summary>
    /// One chunk's bytes (the buffer they were read into), its parsed
    /// rows, and its other lines (with how many rows came before each).
    /// </summary>
    private sealed class Chunk<TRow>
        where TRow : struct
    {
        private readonly ParallelInput _input;
        private long _origin;
        private long _end;
        private byte[] _buffer;
        private ChunkLine[] _others;
        private int _otherCount;
        private CountedBlock[] _blocks = [];
        private int _blockCount;
        private bool _atEnd;

        public Chunk(ParallelInput input, ChunkShelf<TRow> shelf, int size)
        {
            (_input, Shelf) = (input, shelf);
            Rows = ArrayPool<TRow>.Shared.Rent(Math.Max(16, size / 64));
            _others = ArrayPool<ChunkLine>.Shared.Rent(Math.Max(256, size / 64));
            _buffer = ArrayPool<byte>.Shared.Rent(size);
        }

        public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

        public int Length { get; private set; }

        public TRow[] Rows { get; private set; }

        public int RowCount { get; private set; }

        /// <summary>The lines that are no row (pooled: a log of one-row samples has three of them per row).</summary>
        public ReadOnlySpan<ChunkLine> Others => _others.AsSpan(0, _otherCount);

        /// <summary>The whole blocks the worker counted, in file order (a periodic log's samples but the chunk's last).</summary>
        public ReadOnlySpan<CountedBlock> Blocks => _blocks.AsSpan(0, _blockCount);

        public long Lines { get; set; }

        public long? LongLineAt { get; set; }

        /// <summary>Parses the run of rows at <paramref name="i"/>; returns where it stopped.</summary>
        public int ParseRows(IBatchLineReader<TRow> target, int i, int limit)
        {
            while (true)
            {
                var next = target.TryParseRows(Bytes, i, limit, Rows.AsSpan(RowCount), out var count);
                RowCount += count;
                Lines += count;
                if (RowCount < Rows.Length || next >= limit)
                {
                    return next;
                }

                // The run filled the rows: more room, and on.
                GrowRows();
                i = next;
            }
        }

        /// <summary>Adds the lines from <paramref name="i"/> that <see cref="IBatchLineReader{TRow}.MarkKnownLine"/> marks; returns where it stopped.</summary>
        public int MarkKnownLines(IBatchLineReader<TRow> target, int i, int limit)
        {
            ulong mark;
            while (i < limit && (mark = target.MarkKnownLine(Bytes, i, out var lineEnd, out var next)) != 0)
            {
                AddOther(i, lineEnd - i, mark);
                Lines++;
                i = next;
            }

            return i;
        }

        /// <summary>Finds the CR or LF ending the line at <paramref name="i"/>, reading on as far as 1 MB past it.</summary>
        public bool TryLineEnd(int i, out int lineEnd)
        {
            var searched = i;
            while (true)
            {
                var found = Bytes[searched..].IndexOfAny((byte)'\r', (byte)'\n');
                if (found >= 0)
                {
                    lineEnd = searched + found;
                    return true;
                }

                searched = Length;
                if (_atEnd || Length - i >= Utf8LineSource.MaxLine)
                {
                    lineEnd = Length;
                    return false;
                }

                Grow();
            }
        }

        /// <summary>Where the next line starts after the line end at <paramref name="lineEnd"/> (CRLF is one end).</summary>
        public int After(int lineEnd)
        {
            if (Bytes[lineEnd] == '\r')
            {
                if (lineEnd + 1 == Length && !_atEnd)
                {
                    Grow();
                }

                if (lineEnd + 1 < Length && Bytes[lineEnd + 1] == '\n')
                {
                    return lineEnd + 2;
                }
            }

            return lineEnd + 1;
        }

        public void AddRow(in TRow row)
        {
            if (RowCount == Rows.Length)
            {
                GrowRows();
            }

            Rows[RowCount++] = row;
        }

        public void AddOther(int start, int length, ulong mark)
        {
            if (_otherCount == _others.Length)
            {
                var bigger = ArrayPool<ChunkLine>.Shared.Rent(_others.Length * 2);
                Others.CopyTo(bigger);
                ArrayPool<ChunkLine>.Shared.Return(_others);
                _others = bigger;
            }

            _others[_otherCount++] = new ChunkLine(RowCount, (int)Lines, start, length, mark);
        }

        /// <summary>
        /// Counts each whole block of the chunk on its worker: from a line that starts one to the next
        /// such line (the chunk's last block goes on in the next chunk, and is read line by line).
        /// </summary>
        public void CountBlocks(IBatchLineReader<TRow> target)
        {
            var others = Others;
            var first = -1;
            if (_blocks.Length == 0 && others.Length > 0)
            {
                // Room for a block per three other lines (a one-row log's): no copies while counting.
                _blocks = ArrayPool<CountedBlock>.Shared.Rent(Math.Max(256, (others.Length / 3) + 1));
            }

            for (var i = 0; i < others.Length; i++)
            {
                if (!target.StartsBlock(others[i].Mark))
                {
                    continue;
                }

                var rowsFrom = first < 0 ? 0 : others[first].Rows;
                if (first >= 0 && target.TryCountBlock(Rows.AsSpan(rowsFrom, others[i].Rows - rowsFrom), others[(first + 1)..i], rowsFrom, out var count))
                {
                    if (_blockCount == _blocks.Length)
                    {
                        var bigger = ArrayPool<CountedBlock>.Shared.Rent(Math.Max(256, _blocks.Length * 2));
                        Blocks.CopyTo(bigger);
                        ClearBlocks();
                        ArrayPool<CountedBlock>.Shared.Return(_blocks);
                        _blocks = bigger;
                    }

                    _blocks[_blockCount++] = new CountedBlock(first, i, count);
                }

                first = i;
            }
        }

        /// <summary>Reads bytes [origin, origin + size) of a file of <paramref name="end"/> bytes into the chunk, emptied of the last chunk's lines.</summary>
        public void Load(long origin, int size, long end)
        {
            (_origin, _end, _atEnd) = (origin, end, false);
            (Length, RowCount, _otherCount, Lines, LongLineAt) = (0, 0, 0, 0, null);
            ClearBlocks();
            if (_buffer.Length < size)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(size);
            }

            Fill(size);
        }

        /// <summary>The shelf of the worker that read it last.</summary>
        public ChunkShelf<TRow> Shelf { get; set; }

        /// <summary>Back to the worker that read it, once delivered.</summary>
        public void Return() => Shelf.Put(this);

        /// <summary>The arrays back to the pool, at the end of the file.</summary>
        public void Release()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            ArrayPool<TRow>.Shared.Return(Rows);
            ArrayPool<ChunkLine>.Shared.Return(_others);
            ClearBlocks();
            if (_blocks.Length > 0)
            {
                ArrayPool<CountedBlock>.Shared.Return(_blocks);
                _blocks = [];
            }
        }

        private void ClearBlocks()
        {
            // Cleared: a block holds its count array, which a summary keeps (past the blocks counted, nothing was written).
            Array.Clear(_blocks, 0, _blockCount);
            _blockCount = 0;
        }

        private void GrowRows()
        {
            var bigger = ArrayPool<TRow>.Shared.Rent(Rows.Length * 2);
            Rows.AsSpan(0, RowCount).CopyTo(bigger);
            ArrayPool<TRow>.Shared.Return(Rows);
            Rows = bigger;
        }

        private void Fill(int size)
        {
            var want = (int)Math.Min(size, _end - _origin);
            while (Length < want)
            {
                var got = _input.Read(_origin + Length, _buffer.AsSpan(Length, want - Length));
                if (got == 0)
                {
                    throw Shrank(_origin + Length, _end);
                }

                Length += got;
            }

            _atEnd = _origin + Length >= _end;
        }

        /// <summary>Reads on, by half the bytes read so far (at least 64 KB), into a larger buffer if this one (perhaps grown for an earlier chunk) is full.</summary>
        private void Grow()
        {
            var want = Length + Math.Max(Slack, Length / 2);
            if (_buffer.Length < want)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(want);
                _buffer.AsSpan(0, Length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            Fill(want);
        }
    }

    /// <summary>
    /// One worker's chunks that the reading thread has delivered: the worker takes the one given back
    /// last (its bytes likeliest still in this core's cache), so a file is read into a few buffers per
    /// worker rather than one from the pool per chunk. A worker with none takes another worker's
    /// before it makes one: every chunk's memory is fresh pages at first (each page's first touch is a
    /// fault, ~4 µs on a VM), and without this one worker's shelf filled while the other made more
    /// (8-10 chunks for at most 7 in use at once).
    /// </summary>
    private sealed class ChunkShelf<TRow>(ParallelInput input, ChunkShelf<TRow>[] all)
        where TRow : struct
    {
        private readonly Stack<Chunk<TRow>> _free = new();

        /// <summary>A chunk holding bytes [origin, origin + size) of a file of <paramref name="end"/> bytes.</summary>
        public Chunk<TRow> Take(long origin, int size, long end)
        {
            var chunk = TryPop();
            for (var i = 0; chunk is null && i < all.Length; i++)
            {
                if (all[i] is { } other && other != this && (chunk = other.TryPop()) is not null)
                {
                    chunk.Shelf = this;
                }
            }

            chunk ??= new Chunk<TRow>(input, this, size);
            chunk.Load(origin, size, end);
            return chunk;
        }

        private Chunk<TRow>? TryPop()
        {
            lock (_free)
            {
                return _free.TryPop(out var chunk) ? chunk : null;
            }
        }

        public void Put(Chunk<TRow> chunk)
        {
            lock (_free)
            {
                _free.Push(chunk);
            }
        }

        /// <summary>Every chunk's arrays back to the pool (the workers have stopped).</summary>
        public void Release()
        {
            lock (_free)
            {
                while (_free.TryPop(out var chunk))
                {
                    chunk.Release();
                }
            }
        }
    }

    /// <summary>A whole block the worker counted: the indexes of its first line and of the next block's first line among the chunk's other lines.</summary>
    private readonly record struct CountedBlock(int First, int End, BlockCount Count);

    /// <summary>Hands a chunk to the reader in file order: runs of rows, and the other lines in between.</summary>
    private sealed class LineDelivery<TRow>(IBatchLineReader<TRow> target, Encoding encoding)
        where TRow : struct
    {
        private readonly Utf8LineSource.Decoder _decoder = new(target, encoding);

        public long Lines { get; private set; }

        public void Deliver(Chunk<TRow> chunk)
        {
            var rows = chunk.Rows.AsSpan(0, chunk.RowCount);
            var others = chunk.Others;
            var blocks = chunk.Blocks;
            var (delivered, nextBlock) = (0, 0);
            for (var o = 0; o < others.Length; o++)
            {
                ref readonly var other = ref others[o];
                var (before, line, mark) = (other.Rows, other.Line, other.Mark);
                if (before > delivered)
                {
                    // The rows are the lines just before this one.
                    target.AcceptRows(rows[delivered..before], Lines + line + 1 - (before - delivered), chunk.Bytes);
                    delivered = before;
                }

                var bytes = chunk.Bytes.Slice(other.Start, other.Length);
                if (nextBlock < blocks.Length && blocks[nextBlock].First == o)
                {
                    // A block the worker counted: taken whole, or (the reader's state forbids it) line by line.
                    var block = blocks[nextBlock++];
                    var end = others[block.End].Rows;
                    if (target.TryBlock(bytes, mark, rows[before..end], block.Count))
                    {
                        (delivered, o) = (end, block.End - 1);
                        continue;
                    }
                }

                if (!target.TryDeclinedLine(bytes, Lines + line + 1, mark))
                {
                    _decoder.DeliverDecoded(bytes, Lines + line + 1);
                }
            }

            if (rows.Length > delivered)
            {
                // The chunk's last lines.
                target.AcceptRows(rows[delivered..], Lines + chunk.Lines - (rows.Length - delivered) + 1, chunk.Bytes);
            }

            Lines += chunk.Lines;
        }
    }

    /// <summary>
    /// The file ended before the length it had when the read began: it was truncated or copied
    /// over while being read. What was read is no longer one file's content, so nothing of it is used.
    /// </summary>
    private static IOException Shrank(long at, long expected) => new(string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"the file changed while being read (a read at byte {at} of {expected} found its end: truncated or copied over, e.g. by logrotate); read it again once nothing writes to it"));

    /// <summary>The rest of the file, from an offset, as a forward-only stream.</summary>
    private sealed class PositionalStream(PositionalRead read, long position, long end) : ForwardOnlyStream
    {
        private long _position = position;

        public override int Read(Span<byte> buffer)
        {
            var want = (int)Math.Min(buffer.Length, end - _position);
            var got = want == 0 ? 0 : read(_position, buffer[..want]);
            if (got == 0 && want > 0)
            {
                throw Shrank(_position, end);
            }

            _position += got;
            return got;
        }
    }
}
