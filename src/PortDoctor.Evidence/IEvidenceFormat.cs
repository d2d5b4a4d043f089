namespace PortDoctor.Evidence;

/// <summary>
/// One file format we read. Recognize looks at the first lines only, so detection costs the same
/// for a 1 KB and a 10 GB file; Start returns a reader that is fed every line once, in order.
/// </summary>
public interface IEvidenceFormat
{
    /// <summary>Short name users pass to --input-format, e.g. "windows-netstat".</summary>
    string Name { get; }

    /// <summary>What it reads, for messages and docs: "Windows netstat -an/-ano/-anob/-anoq and the guide's periodic log".</summary>
    string Description { get; }

    /// <summary>0 when the sample is not this format; higher is surer (100 = certain).</summary>
    int Recognize(FormatSample sample);

    IEvidenceLineReader Start(EvidenceCollector collector);
}
