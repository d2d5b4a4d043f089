namespace PortDoctor.Evidence.Counts;

/// <summary>
/// Counts per TCP state as blog posts and runbooks compute them: <c>netstat -tan | awk '{print $6}'
/// | sort | uniq -c</c> ("     10 ESTABLISHED", plus "1 Foreign" and "1 established)" from the
/// header lines), <c>ss -tan | awk '{print $1}' | sort | uniq -c | sort -rn</c> ("152348 TIME-WAIT"),
/// and the awk-array form <c>awk '/^tcp/ {++S[$NF]} END {for (a in S) print a, S[a]}'</c> ("TIME_WAIT
/// 812"), and a runbook's one-state count under its command (<c>netstat -an | find /c "TIME_WAIT"</c>,
/// then "812"). Each count becomes that many sockets with unknown endpoints ("*:0"), as for
/// <see cref="GroupObjectFormat"/>: state totals are right and no port is invented.
/// </summary>
internal sealed class StateCountsFormat : IEvidenceFormat
{
    public string Name => "state-counts";

    public string Description => "counts per TCP state: netstat -tan / ss -tan | awk | sort | uniq -c (either order)";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var states = 0;
        foreach (var line in sample.NonBlank)
        {
            switch (StateCountsReader.Classify(line, out _, out _))
            {
                case StateCountsReader.LineKind.State or StateCountsReader.LineKind.CountCommand:
                    states++;
                    break;
                case StateCountsReader.LineKind.Other:
                    return 0;
            }
        }

        // Above powershell-group's 60 for bare rows: Get-NetTCPConnection spells states "TimeWait",
        // netstat and ss "TIME_WAIT" / "TIME-WAIT" / "ESTAB", which is what Classify accepts.
        return states > 0 ? 75 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new StateCountsReader(collector);
}
