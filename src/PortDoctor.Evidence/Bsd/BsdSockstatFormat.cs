namespace PortDoctor.Evidence.Bsd;

/// <summary>
/// FreeBSD <c>sockstat</c> (<c>-4</c>, <c>-6</c>, <c>-l</c>, <c>-c</c>, <c>-s</c>): "USER COMMAND PID
/// FD PROTO LOCAL ADDRESS FOREIGN ADDRESS", with <c>-s</c> also "PATH STATE CONN STATE" ("?" in the
/// first four columns for a socket no process holds). Seen in pasted FreeBSD output (blog posts and
/// project docs with the prompt: `root@ns1:~ # sockstat`, `sockstat -4 -l`, jails' `sockstat -4`) and
/// in a Perl module's docs for `sockstat -46s`. UNIX rows (stream, dgram) are skipped.
/// </summary>
internal sealed class BsdSockstatFormat : IEvidenceFormat
{
    public string Name => "bsd-sockstat";

    public string Description => "FreeBSD sockstat [-46lcs]";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.NonBlank.Take(6).Any(l => l.TrimStart().StartsWith("USER", StringComparison.Ordinal) &&
            l.Contains("COMMAND", StringComparison.Ordinal) && l.Contains("FOREIGN ADDRESS", StringComparison.Ordinal)))
        {
            return 96;
        }

        // `sockstat | grep 8080` loses the header.
        return sample.Count(BsdSockstatReader.LooksLikeRow) >= 2 ? 60 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new BsdSockstatReader(collector);
}
