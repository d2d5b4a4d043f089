using System.Globalization;
using System.Text;

namespace PortDoctor.Evidence;

/// <summary>
/// Reads evidence files of any known format and merges them into one <see cref="EvidenceSet"/>.
/// Each file is detected from its first lines, decoded once, and streamed line by line.
/// </summary>
public static partial class EvidenceReader
{
    private const int HeadBytes = 1 << 16;
    private const int SampleLines = 200;

    public static EvidenceSet Read(IEnumerable<string> paths, EvidenceReadOptions? options = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new EvidenceReadOptions();
        var files = paths.ToList();
        if (files.Count == 0)
        {
            throw new PortDoctorException("no evidence files given", ExitCode.Usage);
        }

        if (files.Count(f => f == StandardInput) > 1)
        {
            throw new PortDoctorException("standard input ('-') can be given once in --from", ExitCode.Usage);
        }

        var total = files.Sum(SizeOf);
        long done = 0;
        var read = new ReadState(options, new EvidenceMerge(), options.MaxDecompressedBytes, cancel);
        foreach (var path in files)
        {
            ReadOne(path, read, done, total);
            done += SizeOf(path);
        }

        return read.Merge.Build();
    }

    /// <summary>
    /// Reads one stream (stdin, an archive entry, the fuzz harness) under a display name. Its time,
    /// when the content states none, is <paramref name="time"/> (default: now).
    /// </summary>
    public static EvidenceSet Read(string name, Stream stream, EvidenceReadOptions? options = null, DateTimeOffset? time = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new EvidenceReadOptions();
        var read = new ReadState(options, new EvidenceMerge(), options.MaxDecompressedBytes, cancel);
        ReadStream(new Input(name, stream, time ?? DateTimeOffset.UtcNow, "the time it was read"), read, 0, stream.CanSeek ? stream.Length : 0);
        return read.Merge.Build();
    }

    /// <summary>Reads text already in memory (tests, stdin): the same path as a file.</summary>
    public static EvidenceSet ReadText(string text, string name = "input", string? format = null)
    {
        using var stream = new MemoryStream(new UTF8Encoding(false).GetBytes(text));
        return Read(name, stream, new EvidenceReadOptions { Format = format }, DateTimeOffset.UnixEpoch);
    }

    /// <summary>The name that stands for standard input in a list of files.</summary>
    public const string StandardInput = "-";

    private static long SizeOf(string path) => path != StandardInput && File.Exists(path) ? new FileInfo(path).Length : 0;

    private static void ReadOne(string path, ReadState read, long done, long total)
    {
        if (path == StandardInput)
        {
            using var stdin = read.Options.OpenStandardInput?.Invoke() ?? Console.OpenStandardInput();
            ReadStream(new Input("stdin", stdin, read.Options.Time.GetUtcNow(), "the time it was read"), read, done, total);
            return;
        }

        if (!File.Exists(path))
        {
            throw new PortDoctorException(Directory.Exists(path)
                ? $"{path}: is a directory: name the files in it"
                : $"{path}: no such file");
        }

        using var stream = Open(path, read.Options);
        var fileTime = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        ReadStream(new Input(path, stream, fileTime, "the file's modification time"), read, done, total);
    }

    /// <summary>Opens a file; a refusal is one line of bad input naming it, as docs/cli.md says, not .NET's text.</summary>
    private static Stream Open(string path, EvidenceReadOptions options)
    {
        try
        {
            return options.OpenFile?.Invoke(path) ??
                new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PortDoctorException($"{path}: cannot read: permission denied", ExitCode.BadInput, ex);
        }
        catch (IOException ex)
        {
            throw new PortDoctorException($"{path}: cannot read: {ex.Message}", ExitCode.BadInput, ex);
        }
    }

    private static void ReadStream(Input input, ReadState read, long done, long total)
    {
        // Detection looks at the head only; a pipe's head is kept and replayed before the rest of
        // it, so stdin streams in constant memory like a file. procfs and devices report size 0
        // whatever they hold: they are read to their end like a pipe, never trusted for their size.
        var (path, stream) = (input.Name, input.Stream);
        var seekable = stream.CanSeek && stream.Length > 0;
        var origin = seekable ? stream.Position : 0;
        var head = new byte[seekable ? Math.Min(HeadBytes, stream.Length - origin) : HeadBytes];
        var headLength = ReadHead(path, stream, head);
        head = head[..headLength];
        var more = seekable ? stream.Length - origin > headLength : headLength == HeadBytes;
        if (ArchiveOf(head) is { } archive)
        {
            ReadArchive(archive, input, seekable ? Rewound(stream, origin) : new ReplayStream(head, stream), read, done, total);
            return;
        }

        var (encoding, bomLength, encodingName) = Text.EvidenceEncoding.Detect(head);
        var headText = encoding.GetString(head, bomLength, head.Length - bomLength);
        if (string.IsNullOrWhiteSpace(headText.Replace("\0", "", StringComparison.Ordinal)) && !more)
        {
            var empty = new Note(NoteKind.EmptyFile) { File = Path.GetFileName(path) };
            read.Merge.AddNote(path, empty);
            read.Merge.Sources.Add(new SourceReport { Path = path, Format = "empty", Encoding = encodingName, Notes = [empty] });
            return;
        }

        // Output captured under a per-line prefix (a CI runner's timestamps, a builder's tag) is
        // detected and read without it; such logs are small, so they take the general path.
        var sampleLines = SampleOf(headText, more);
        var prefix = Text.LinePrefix.Detect(sampleLines);
        var sample = new FormatSample(prefix is null ? sampleLines : [.. sampleLines.Select(prefix.Strip)], Path.GetFileName(path));
        var format = Choose(path, sample, read.Options.Format, input.InArchive);
        if (format is null)
        {
            var skipped = new Note(NoteKind.UnknownFormat) { File = Path.GetFileName(path), Name = Describe(sample.FirstLine) };
            read.Merge.AddNote(path, skipped);
            read.Merge.Sources.Add(new SourceReport { Path = path, Format = "skipped", Encoding = encodingName, Notes = [skipped] });
            return;
        }

        var collector = Collector(path, input.Time, read);
        if (seekable)
        {
            collector.EndsInsideLine = EndsInsideLine(stream, origin);
            stream.Position = origin + bomLength;
        }
        else
        {
            stream = new ReplayStream(head.AsMemory(bomLength), stream);
        }

        var lines = format.Start(collector);
        if (prefix is not null)
        {
            collector.Note(new Note(NoteKind.LinePrefixStripped) { Name = prefix.Description });
            lines = new PrefixedLines(lines, prefix);
        }

        Feed(path, stream, seekable, origin, encoding, lines, read, done, total);
        if (collector.UsedFileTime)
        {
            collector.Note(new Note(NoteKind.NoTimeInFile) { Name = input.TimeIs });
        }

        read.Merge.Add(collector);
        read.Merge.Sources.Add(Report(path, format, encodingName, collector));
    }

    private static int ReadHead(string path, Stream stream, byte[] head)
    {
        try
        {
            return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new PortDoctorException($"{path}: cannot read: {ex.Message}", ExitCode.BadInput, ex);
        }
    }

    /// <summary>
    /// The file ends inside a line: its last byte (past NUL, space, tab and Ctrl-Z padding) is no line
    /// ending, though its last 64 KB hold one (a file of one long line, compact JSON, is not "cut").
    /// Reads those 64 KB only and puts the position back; a file that cannot be read there is not judged.
    /// </summary>
    internal static bool EndsInsideLine(Stream stream, long origin)
    {
        var position = stream.Position;
        try
        {
            var tail = new byte[(int)Math.Min(stream.Length - origin, 1 << 16)];
            stream.Position = stream.Length - tail.Length;
            stream.ReadExactly(tail);
            var end = tail.Length;
            while (end > 0 && tail[end - 1] is 0 or (byte)' ' or (byte)'\t' or 0x1A)
            {
                end--;
            }

            return end > 0 && tail[end - 1] is not ((byte)'\n' or (byte)'\r') && tail.AsSpan(0, end).IndexOfAny((byte)'\n', (byte)'\r') >= 0;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException)
        {
            return false;
        }
        finally
        {
            stream.Position = position;
        }
    }

    private static Stream Rewound(Stream stream, long origin)
    {
        stream.Position = origin;
        return stream;
    }

    private static EvidenceCollector Collector(string path, DateTimeOffset fileTime, ReadState read) =>
        new(path, fileTime, (SampleSummary summary, SnapshotPromise build) =>
        {
            if (read.Options.OnSnapshot is { } onSnapshot)
            {
                var snapshot = build.Build();
                build = new SnapshotPromise(() => snapshot);
                onSnapshot(snapshot, path);
            }

            read.Merge.AddSample(summary, build, path);
            read.Options.OnSample?.Invoke(summary);
        }, read.Options.OnSnapshot is null && read.Options.OnSample is null ? read.Merge : null);

    private static void Feed(string path, Stream stream, bool seekable, long origin, Encoding encoding, IEvidenceLineReader lines, ReadState read, long done, long total)
    {
        var options = read.Options;
        Action? onChunk = options.OnProgress is null || !seekable ? null : () => options.OnProgress(done + stream.Position - origin, total);
        try
        {
            var shapedBatch = (lines is UncoloredLines uncolored ? uncolored.Shaped : lines) as IShapedBatch;
            if ((lines is IBatchLineReader<NetstatRow> || shapedBatch is not null) && encoding is UTF8Encoding && !options.GeneralPathOnly && seekable &&
                stream.Length - stream.Position >= options.ParallelMinBytes && (Environment.ProcessorCount > 1 || options.ParallelWorkers > 0))
            {
                // A large log: rows are parsed on every core, and handed to the reader in order.
                using var input = ParallelInput.Of(stream);
                Action<long>? onRead = options.OnProgress is null ? null : bytesRead => options.OnProgress(done + (stream.Position - origin) + bytesRead, total);
                var chunkBytes = options.ParallelChunkBytes ?? ParallelUtf8Source.ChunkBytesFor(stream.Length - stream.Position, shapedBatch is null ? ParallelUtf8Source.DefaultChunkBytes : ShapedRows.DefaultChunkBytes);
                if (shapedBatch is not null)
                {
                    shapedBatch.Feed((IUtf8LineReader)lines, input, stream.Position, stream.Length, encoding, onRead, read.Cancel, chunkBytes, options.ParallelWorkers);
                }
                else
                {
                    ParallelUtf8Source.Feed(input, stream.Position, stream.Length, (IBatchLineReader<NetstatRow>)lines, encoding, onRead, read.Cancel, chunkBytes, options.ParallelWorkers);
                }
            }
            else if (lines is IUtf8LineReader bytes && encoding is UTF8Encoding && !options.GeneralPathOnly)
            {
                // UTF-8 and ASCII: the reader takes what it can straight from the bytes.
                Utf8LineSource.Feed(stream, bytes, encoding, onChunk, read.Cancel);
            }
            else
            {
                using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
                LineSource.Feed(reader, lines, onChunk, read.Cancel);
            }
        }
        catch (IOException ex)
        {
            throw new PortDoctorException($"{path}: read failed: {ex.Message}", ExitCode.BadInput, ex);
        }
        catch (InvalidDataException ex)
        {
            // No line end for megabytes (a device, a binary file read as a forced format) or damaged compressed data.
            throw new PortDoctorException($"{path}: {ex.Message}", ExitCode.BadInput, ex);
        }
    }

    private static SourceReport Report(string path, IEvidenceFormat format, string encodingName, EvidenceCollector collector) => new()
    {
        Path = path,
        Format = format.Name,
        Encoding = encodingName,
        Snapshots = collector.SnapshotCount,
        Sockets = collector.SocketCount,
        Ranges = collector.Dynamic.Count,
        Exclusions = collector.Excluded.Count,
        Events = collector.Events.Count,
        Settings = collector.Settings.Count,
        Processes = collector.ListedProcesses.Count,
        UnreadableCount = collector.UnreadableCount,
        UnreadableLines = [.. collector.UnreadableLines],
        Notes = [.. collector.Notes],
    };

    /// <summary>The format of the sample; null for an archive entry of no known format (skipped, not fatal).</summary>
    private static IEvidenceFormat? Choose(string path, FormatSample sample, string? forced, bool inArchive)
    {
        if (forced is not null)
        {
            return EvidenceFormats.Find(forced) ?? throw new PortDoctorException(
                $"unknown input format '{forced}' (known: {string.Join(", ", EvidenceFormats.All.Select(f => f.Name))})", ExitCode.Usage);
        }

        IEvidenceFormat? best = null;
        var bestScore = 0;
        foreach (var format in EvidenceFormats.All)
        {
            var score = format.Recognize(sample);
            if (score > bestScore)
            {
                (best, bestScore) = (format, score);
            }
        }

        return best ?? (inArchive ? null : throw new PortDoctorException(string.Create(CultureInfo.InvariantCulture,
            $"{path}: not a known evidence format (tried {string.Join(", ", EvidenceFormats.All.Select(f => f.Name))}); first line: {Describe(sample.FirstLine)}")));
    }

    internal static List<string> SampleOf(string headText, bool truncated)
    {
        // The head's lines up to the sample's: a 64 KB head of short lines has a thousand and more.
        var lines = new List<string>(SampleLines + 1);
        var rest = headText.AsSpan();
        while (true)
        {
            var end = rest.IndexOf('\n');
            if (end < 0)
            {
                lines.Add(rest.TrimEnd('\r').ToString());
                break;
            }

            if (lines.Count == SampleLines)
            {
                // More lines follow (the head's last, cut short, among them): the sample is whole.
                return lines;
            }

            lines.Add(rest[..end].TrimEnd('\r').ToString());
            rest = rest[(end + 1)..];
        }

        if (truncated && lines.Count > 1)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines.Count > SampleLines ? lines.GetRange(0, SampleLines) : lines;
    }

    private static string Describe(string line)
    {
        var control = line.Count(c => char.IsControl(c) && c is not '\t' || c == '\uFFFD');
        return control * 10 > line.Length ? "binary data" : $"\"{Printable(line)}\"";
    }

    /// <summary>A line fit for a one-line message: control characters shown as '?', at most 80 characters.</summary>
    internal static string Printable(string line)
    {
        var text = new StringBuilder();
        foreach (var c in line.Trim())
        {
            if (text.Length == 80)
            {
                text.Append('…');
                break;
            }

            text.Append(char.IsControl(c) || c == '\uFFFD' ? '?' : c);
        }

        return text.ToString();
    }

    /// <summary>A pipe read on after its head: the head's bytes first, then the rest of the pipe.</summary>
    private sealed class ReplayStream(ReadOnlyMemory<byte> head, Stream rest) : ForwardOnlyStream
    {
        private ReadOnlyMemory<byte> _head = head;

        public override int Read(Span<byte> buffer)
        {
            if (_head.IsEmpty)
            {
                return rest.Read(buffer);
            }

            var n = Math.Min(buffer.Length, _head.Length);
            _head.Span[..n].CopyTo(buffer);
            _head = _head[n..];
            return n;
        }
    }

    /// <summary>Hands each line on without the prefix the file put before it.</summary>
    private sealed class PrefixedLines(IEvidenceLineReader inner, Text.LinePrefix prefix) : IEvidenceLineReader
    {
        public void Line(ReadOnlySpan<char> line, long number) => inner.Line(prefix.Strip(line.ToString()), number);

        public void Finish() => inner.Finish();
    }
}
