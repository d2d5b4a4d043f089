namespace PortDoctor.Evidence.Windows;

/// <summary>
/// Windows <c>netstat -an/-ano/-anob/-anoq/-anobq</c> in any display language, and the guide's
/// monitoring log (<c>%date% %time%</c> lines each followed by a <c>netstat -ano</c> block), which
/// is the same rows with timestamps between them: one snapshot per block.
/// </summary>
internal sealed class WindowsNetstatFormat : IEvidenceFormat
{
    public string Name => "windows-netstat";

    public string Description => "Windows netstat -an/-ano/-anob/-anoq (any language) and the guide's periodic netstat log";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var rows = sample.Count(WindowsNetstatRow.LooksLikeRow);
        if (rows == 0)
        {
            return 0;
        }

        return rows >= 3 || rows == sample.NonBlank.Count(l => l.TrimStart().StartsWith("TCP", StringComparison.OrdinalIgnoreCase) ||
            l.TrimStart().StartsWith("UDP", StringComparison.OrdinalIgnoreCase)) ? 90 : 60;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new WindowsNetstatReader(collector);
}
