namespace PortDoctor.Evidence.Bsd;

/// <summary>
/// macOS and BSD <c>netstat -an</c>, <c>-an -p tcp</c>, <c>-anv</c>: "tcp4  0  0  192.168.1.5.52814
/// 17.57.146.20.5223  ESTABLISHED", the port after the last dot, "*.*" for any, tcp46 for dual-stack
/// sockets, host names without -n ("localhost.57998"). Seen in pasted macOS output (GitHub READMEs,
/// Java and Go projects' tests: "Proto Recv-Q Send-Q  Local Address  Foreign Address  (state)") and
/// in macOS 26 <c>netstat -anv -p tcp</c> recorded in a Python project's tests, whose
/// "process:pid" column ("node:46708") gives owners. The UNIX, kernel-event and kernel-control
/// sections that follow are skipped. The OS is left Unknown: macOS and BSD are not modelled.
/// </summary>
internal sealed class BsdNetstatFormat : IEvidenceFormat
{
    public string Name => "bsd-netstat";

    public string Description => "macOS / BSD netstat -an [-p tcp] [-v] (address.port endpoints)";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.NonBlank.Take(6).Any(l => l.TrimStart().StartsWith("Proto", StringComparison.Ordinal) &&
            l.Contains("Local Address", StringComparison.Ordinal) && l.Contains("(state)", StringComparison.Ordinal)))
        {
            return 97;
        }

        // Solaris / illumos: "TCP: IPv4" then "Local Address  Remote Address  Swind Send-Q Rwind Recv-Q  State".
        if (sample.NonBlank.Take(8).Any(l => l.TrimStart().StartsWith("TCP: IPv", StringComparison.Ordinal) || l.TrimStart().StartsWith("UDP: IPv", StringComparison.Ordinal)) &&
            sample.Contains("Local Address") && sample.Contains("Remote Address"))
        {
            return 97;
        }

        // Without the header (`netstat -an | grep 8080`): above linux-netstat's 70 for bare rows.
        return sample.Count(BsdNetstatReader.LooksLikeRow) >= 2 ? 80 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new BsdNetstatReader(collector);
}
