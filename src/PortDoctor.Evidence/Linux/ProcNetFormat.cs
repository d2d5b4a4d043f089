namespace PortDoctor.Evidence.Linux;

/// <summary>
/// Copies of /proc/net/tcp, tcp6, udp, udp6 (e.g. <c>cat /proc/net/tcp &gt; file</c>), read with the
/// live collector's parser. The text does not say TCP or UDP: the file name does ("udp" in it
/// means UDP); the family follows from the address width. Several tables may be concatenated.
/// </summary>
internal sealed class ProcNetFormat : IEvidenceFormat
{
    public string Name => "proc-net";

    public string Description => "Linux /proc/net/tcp, tcp6, udp, udp6 copies";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var first = sample.FirstLine.TrimStart();
        return first.StartsWith("sl", StringComparison.Ordinal) && first.Contains("local_address", StringComparison.Ordinal) ? 98 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new ProcNetReader(collector);
}
