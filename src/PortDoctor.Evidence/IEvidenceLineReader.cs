namespace PortDoctor.Evidence;

/// <summary>Receives a file's lines in order (without line endings); Finish after the last one.</summary>
public interface IEvidenceLineReader
{
    void Line(ReadOnlySpan<char> line, long number);

    void Finish();
}
