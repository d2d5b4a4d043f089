using PortDoctor.Core.Model;

namespace PortDoctor.Core.Parsing;

/// <summary>How to read evidence files.</summary>
public sealed record EvidenceReadOptions
{
    /// <summary>A format name (see <see cref="EvidenceFormats"/>) to use instead of detection.</summary>
    public string? Format { get; init; }

    /// <summary>
    /// Called with every snapshot as soon as its block is read, with the file it came from. Lets
    /// a caller stream a multi-GB periodic log; the evidence set itself keeps only summaries.
    /// </summary>
    public Action<Snapshot, string>? OnSnapshot { get; init; }

    /// <summary>Bytes read so far and the total of all files, for a progress bar.</summary>
    public Action<long, long>? OnProgress { get; init; }

    /// <summary>Decodes every line and skips the byte-level fast path: tests compare the two with it.</summary>
    internal bool GeneralPathOnly { get; init; }
}
