namespace PortDoctor.Evidence.Linux;

/// <summary>
/// Copies of /proc/net/sockstat and sockstat6 ("TCP: inuse 5 orphan 0 tw 12 alloc 7 mem 1",
/// "TCP6: inuse 4"): kernel-wide totals, kept as settings ("sockstat tcp tw" = "12") like the
/// totals of <c>ss -s</c>. No ports, no processes.
/// </summary>
internal sealed class SockstatFormat : IEvidenceFormat
{
    public string Name => "sockstat";

    public string Description => "Linux /proc/net/sockstat and sockstat6 copies";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var rows = 0;
        foreach (var line in sample.NonBlank)
        {
            if (!SockstatReader.TryRow(line, out _, out _))
            {
                return 0;
            }

            rows++;
        }

        return rows > 0 && (sample.Contains("inuse") || sample.Contains("sockets: used")) ? 95 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new SockstatReader(collector);
}
