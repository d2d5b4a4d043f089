using System.Globalization;
using System.IO.Compression;

namespace PortDoctor.Evidence;

/// <summary>
/// gzip and zip evidence: a .gz is read as the file it holds; each zip entry is read as a file of its
/// own, named "bundle.zip!entry.txt"; entries of no known format (a manifest, a screenshot) are
/// skipped with a note. Decompressed bytes of one read share one budget, so a bomb ends in one line.
/// </summary>
public static partial class EvidenceReader
{
    /// <summary>More entries than this is no evidence bundle (and listing them would cost memory).</summary>
    private const int MaxEntries = 10_000;

    private enum Archive
    {
        Gzip,
        Zip,
    }

    private static Archive? ArchiveOf(ReadOnlySpan<byte> head) =>
        head is [0x1F, 0x8B, ..] ? Archive.Gzip : head is [(byte)'P', (byte)'K', 3, 4, ..] ? Archive.Zip : null;

    private static void ReadArchive(Archive archive, Input input, Stream raw, ReadState read, long done, long total)
    {
        if (archive == Archive.Gzip)
        {
            using var gzip = new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true);
            ReadStream(input with { Stream = new Decompressed(gzip, input.Name, read) }, read, done, total);
            return;
        }

        if (!raw.CanSeek || input.InArchive)
        {
            // Reading a zip needs its directory at the end: a pipe would have to be held in memory.
            const string nested = "a zip archive inside another archive or on standard input: give it as a file";
            if (!input.InArchive)
            {
                throw new PortDoctorException($"{input.Name}: {nested}");
            }

            read.Merge.AddNote(input.Name, new Note(NoteKind.NestedArchiveSkipped));
            return;
        }

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(raw, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new PortDoctorException($"{input.Name}: damaged zip archive: {ex.Message}", ExitCode.BadInput, ex);
        }

        using (zip)
        {
            ReadEntries(zip, input, read, done, total);
        }
    }

    private static void ReadEntries(ZipArchive zip, Input input, ReadState read, long done, long total)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            throw new PortDoctorException(string.Create(CultureInfo.InvariantCulture,
                $"{input.Name}: {zip.Entries.Count} entries, more than {MaxEntries}: not an evidence bundle"));
        }

        foreach (var entry in zip.Entries)
        {
            read.Cancel.ThrowIfCancellationRequested();
            var name = $"{input.Name}!{entry.FullName}";
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            if (string.Equals(entry.Name, "manifest.json", StringComparison.OrdinalIgnoreCase))
            {
                // A collect bundle's manifest describes the other entries; they speak for themselves.
                read.Merge.AddNote(name, new Note(NoteKind.BundleManifestSkipped));
                continue;
            }

            if (string.Equals(entry.Name, "history.db", StringComparison.OrdinalIgnoreCase))
            {
                // collect's copy of the monitor's history: `report`/`diagnose --from` read it as history (SQLite), not here.
                read.Merge.AddNote(name, new Note(NoteKind.BundleHistorySkipped));
                continue;
            }

            Stream stream;
            try
            {
                stream = entry.Open();
            }
            catch (InvalidDataException ex)
            {
                throw new PortDoctorException($"{name}: cannot read: {ex.Message}", ExitCode.BadInput, ex);
            }

            using (stream)
            {
                var time = entry.LastWriteTime.ToUniversalTime();
                ReadStream(new Input(name, new Decompressed(stream, name, read), time, "the entry's modification time") { InArchive = true }, read, done, total);
            }
        }
    }

    /// <summary>What a decompressor gives, counted against the read's budget: past it, one line of bad input.</summary>
    private sealed class Decompressed(Stream inner, string name, ReadState read) : ForwardOnlyStream
    {
        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            read.DecompressedLeft -= n;
            if (read.DecompressedLeft < 0)
            {
                throw new PortDoctorException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: decompresses to more than {read.Options.MaxDecompressedBytes / (1 << 20)} MB of evidence: refused (a compression bomb, or split it)"));
            }

            return n;
        }
    }

    /// <summary>One stream to read: its display name, the time it stands for when its content states none, and where that time came from.</summary>
    private sealed record Input(string Name, Stream Stream, DateTimeOffset Time, string TimeIs)
    {
        /// <summary>An archive entry: a format no reader knows is skipped with a note instead of ending the read.</summary>
        public bool InArchive { get; init; }
    }

    /// <summary>What the files of one read share: options, the merge, the decompression budget, cancellation.</summary>
    private sealed class ReadState(EvidenceReadOptions options, EvidenceMerge merge, long decompressedLeft, CancellationToken cancel)
    {
        public EvidenceReadOptions Options { get; } = options;

        public EvidenceMerge Merge { get; } = merge;

        public long DecompressedLeft { get; set; } = decompressedLeft;

        public CancellationToken Cancel { get; } = cancel;
    }
}
