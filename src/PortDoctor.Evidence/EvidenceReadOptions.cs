namespace PortDoctor.Evidence;

/// <summary>How to read evidence files.</summary>
public sealed record EvidenceReadOptions
{
    /// <summary>A format name (see <see cref="EvidenceFormats"/>) to use instead of detection.</summary>
    public string? Format { get; init; }

    /// <summary>
    /// Called with every snapshot as soon as its block is read, with the file it came from. Lets
    /// a caller stream a multi-GB periodic log; the evidence set itself keeps only summaries. It
    /// costs building every block's sockets, which otherwise only the latest block needs.
    /// </summary>
    public Action<Snapshot, string>? OnSnapshot { get; init; }

    /// <summary>Called with the counts of every sample as soon as its block is read.</summary>
    public Action<SampleSummary>? OnSample { get; init; }

    /// <summary>Bytes read so far and the total of all files, for a progress bar.</summary>
    public Action<long, long>? OnProgress { get; init; }

    /// <summary>The clock for "the time it was read" (standard input states no file time).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Opens standard input when '-' is among the files (the CLI's console; tests give a stream).</summary>
    public Func<Stream>? OpenStandardInput { get; init; }

    /// <summary>Opens a file by path (tests inject a refusal); null: a shared, sequential FileStream.</summary>
    public Func<string, Stream>? OpenFile { get; init; }

    /// <summary>
    /// Decompressed bytes all .gz files and zip entries of one read may give together (4 GB); past it
    /// the read ends with one line, so a compression bomb costs bounded time and no memory.
    /// </summary>
    public long MaxDecompressedBytes { get; init; } = 4L << 30;

    /// <summary>
    /// A UTF-8 log at least this large (1 MB) is parsed on every core (tests lower it). Below 32 MB the one-thread
    /// path was up to 2.4x slower (one-row samples at 31 MB: 94 against 39 ms; docs/benchmarks.md, fifteenth stop);
    /// below 1 MB the threads' start costs what they save.
    /// </summary>
    internal long ParallelMinBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Bytes per chunk of the parallel reader (tests use a few bytes to cut lines everywhere);
    /// null: <see cref="ParallelUtf8Source.DefaultChunkBytes"/>.
    /// </summary>
    internal int? ParallelChunkBytes { get; init; }

    /// <summary>Worker threads of the parallel reader; 0: one per core.</summary>
    internal int ParallelWorkers { get; init; }

    /// <summary>Decodes every line and skips the byte-level fast path: tests compare the two with it.</summary>
    internal bool GeneralPathOnly { get; init; }
}
