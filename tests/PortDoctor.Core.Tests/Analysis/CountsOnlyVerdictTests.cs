using PortDoctor.Core.Analysis;
using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Core.Tests.Analysis;

/// <summary>
/// Counts per state (find /c, uniq -c, Group-Object) carry no ports, so no pool counts them: the
/// verdict takes them as an upper bound on the TCP pool, at risk from 75%, never exhausted.
/// </summary>
public class CountsOnlyVerdictTests
{
    [Fact]
    public void Windows_find_counts_near_the_default_range_are_at_risk_not_healthy()
    {
        var evidence = EvidenceReader.ReadText(
            "C:\\Users\\dev>netstat -ano | find /c \"ESTABLISHED\"\r\n214\r\n\r\nC:\\Users\\dev>netstat -ano | find /c \"TIME_WAIT\"\r\n15230\r\n",
            format: "state-counts");

        var diagnosis = Diagnostician.Diagnose(evidence.Latest);

        Assert.Equal(Verdict.AtRisk, diagnosis.Verdict);
        var reason = Assert.Single(diagnosis.Reasons.OfType<CountedWithoutPortsFinding>());
        Assert.Equal((15444, 15444, 16384), (reason.Sockets, reason.UpTo, reason.Pool.Capacity));
    }

    [Fact]
    public void More_counted_sockets_than_ports_are_still_only_at_risk()
    {
        var evidence = EvidenceReader.ReadText("  30000 TIME_WAIT\n     12 ESTAB\n      3 LISTEN\n", format: "state-counts");

        var diagnosis = Diagnostician.Diagnose(evidence.Latest);

        Assert.Equal(Verdict.AtRisk, diagnosis.Verdict);
        Assert.Contains(diagnosis.Reasons, r => r is CountedWithoutPortsFinding { Sockets: 30012, Percent: 100 });
    }

    [Fact]
    public void A_few_counted_sockets_stay_healthy_and_say_what_they_could_be()
    {
        var evidence = EvidenceReader.ReadText("    812 TIME_WAIT\n     40 ESTAB\n", format: "state-counts");

        var diagnosis = Diagnostician.Diagnose(evidence.Latest);

        Assert.Equal(Verdict.Healthy, diagnosis.Verdict);
        Assert.Contains(diagnosis.Reasons, r => r is CountedWithoutPortsFinding { Sockets: 852 });
    }
}
