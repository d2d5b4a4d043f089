namespace PortDoctor.Evidence.Linux;

/// <summary>
/// Linux net-tools <c>netstat -tanp</c>, <c>-tan</c>, <c>-an</c> (the UNIX-socket part is skipped),
/// in any translation of the headers and states (German VERBUNDEN, HÖREN, ...).
/// </summary>
internal sealed class LinuxNetstatFormat : IEvidenceFormat
{
    public string Name => "linux-netstat";

    public string Description => "Linux netstat -tanp / -tan / -an (net-tools, any language)";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var rows = sample.Count(LinuxNetstatReader.LooksLikeRow);
        return rows == 0 ? 0 : sample.Contains("Recv-Q") ? 95 : 70;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new LinuxNetstatReader(collector);
}
