using PortDoctor.Core.Analysis;
using PortDoctor.Core.Sources;

namespace PortDoctor.Evidence;

/// <summary>
/// Observations from captured files: the latest sample, with what each file contributed and could
/// not tell as notes; a periodic log adds each process's growth across its samples.
/// </summary>
public sealed class EvidenceSource(Func<CancellationToken, EvidenceSet> read) : ISnapshotSource
{
    /// <summary>The evidence read by the last <see cref="Observe"/>, for verbs that show more than the snapshot.</summary>
    public EvidenceSet? Evidence { get; private set; }

    public static EvidenceSource FromFiles(IReadOnlyList<string> paths, EvidenceReadOptions options) =>
        new(cancel => EvidenceReader.Read(paths, options, cancel));

    public Observation Observe(CancellationToken cancellationToken)
    {
        var evidence = read(cancellationToken);
        Evidence = evidence;
        var snapshot = evidence.Latest with { Notes = [.. Notes(evidence)] };
        return new Observation(snapshot, new DiagnosisContext
        {
            Growth = evidence.IsTimeSeries ? evidence.Growth : [],
            Series = evidence.IsTimeSeries ? evidence.Series : [],
        });
    }

    /// <summary>Sources, unreadable lines and notes, one line each.</summary>
    private static IEnumerable<Note> Notes(EvidenceSet evidence)
    {
        foreach (var source in evidence.Sources)
        {
            yield return new Note(NoteKind.SourceRead) { File = Path.GetFileName(source.Path), Name = source.Contribution };
            if (source.UnreadableCount > 0)
            {
                yield return new Note(NoteKind.UnreadableLines) { File = Path.GetFileName(source.Path), Count = source.UnreadableCount, Lines = source.UnreadableLines };
            }
        }

        foreach (var note in evidence.Notes)
        {
            yield return note;
        }
    }
}
