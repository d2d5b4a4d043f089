namespace PortDoctor.Core.Analysis;

/// <summary>
/// One observation behind a verdict, as data: a kind and its numbers. Core builds findings; the
/// CLI renders them as sentences (Cli/Output/Diagnose) and as JSON objects with a "kind".
/// </summary>
public abstract record Finding
{
    public abstract FindingKind Kind { get; }
}
