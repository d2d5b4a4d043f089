using Xunit;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Tests.Analysis;

public class VerdictTests
{
    private static SnapshotFixture TimeWaitChurn() =>
        SnapshotFixture.Linux().Process(31, "poller")
            .Outbound(3, SocketState.Established, "10.6.6.6", 8080, 31)
            .Outbound(997, SocketState.TimeWait, "10.6.6.6", 8080, null, offset: 3);

    [Fact]
    public void A_pool_full_of_TimeWait_without_a_failed_connect_is_at_risk_not_exhausted()
    {
        var diagnosis = Diagnostician.Diagnose(TimeWaitChurn().Build());

        Assert.Equal(Verdict.AtRisk, diagnosis.Verdict);
        Assert.Contains(diagnosis.Reasons, r => r.Contains("TIME_WAIT alone is not exhaustion", StringComparison.Ordinal));
    }

    [Fact]
    public void A_probe_failing_with_address_unavailable_confirms_exhaustion_and_TimeWait_goes_to_the_live_client()
    {
        var snapshot = TimeWaitChurn().Probe(ProbeOutcome.AddressUnavailable, 98, "EADDRINUSE").Build();

        var diagnosis = Diagnostician.Diagnose(snapshot);

        Assert.Equal(Verdict.Exhausted, diagnosis.Verdict);
        Assert.StartsWith("outbound test bind port 0 failed with EADDRINUSE (98)", diagnosis.Reasons[0], StringComparison.Ordinal);
        var culprit = Assert.Single(diagnosis.Culprits);
        Assert.Equal((31, LeakPattern.TimeWait), (culprit.Pid, culprit.Pattern));
        Assert.Equal(997, culprit.Counts[LeakPattern.TimeWait]);
        Assert.Equal(AttributionConfidence.Medium, culprit.TimeWaitConfidence);
    }

    [Fact]
    public void CloseWait_leak_is_named_with_its_destination_and_a_concrete_fix()
    {
        var snapshot = SnapshotFixture.Linux().Process(12, "worker").Process(13, "healthy")
            .Outbound(800, SocketState.CloseWait, "10.7.7.7", 6379, 12)
            .Outbound(20, SocketState.Established, "10.7.7.8", 6379, 13, offset: 800)
            .Build();

        var diagnosis = Diagnostician.Diagnose(snapshot);

        Assert.Equal(Verdict.AtRisk, diagnosis.Verdict);
        var culprit = Assert.Single(diagnosis.Culprits);
        Assert.Equal(LeakPattern.CloseWait, culprit.Pattern);
        Assert.Equal(new Endpoint("10.7.7.7", 6379), culprit.TopDestination);
        Assert.Contains("read returns 0", diagnosis.Remediation[0].Text, StringComparison.Ordinal);
        var widen = diagnosis.Remediation.Single(r => r.Command is not null);
        Assert.StartsWith("sysctl -w net.ipv4.ip_local_port_range=\"39000 65535\"", widen.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void SynSent_storm_is_recognised()
    {
        var snapshot = SnapshotFixture.Linux().Process(44, "retrier")
            .Outbound(300, SocketState.SynSent, "10.8.8.8", 443, 44)
            .Build();

        var culprit = Assert.Single(Diagnostician.Diagnose(snapshot).Culprits);

        Assert.Equal(LeakPattern.SynSent, culprit.Pattern);
    }

    [Fact]
    public void A_handle_count_over_ten_thousand_makes_the_host_at_risk_unless_allow_listed()
    {
        var heavy = SnapshotFixture.Linux().Process(50, "leaky", handles: 12000)
            .Outbound(5, SocketState.Established, "10.9.0.1", 80, 50).Build();
        var system = SnapshotFixture.Linux().Process(1, "systemd", handles: 12000)
            .Outbound(5, SocketState.Established, "10.9.0.1", 80, 1).Build();

        Assert.Equal(Verdict.AtRisk, Diagnostician.Diagnose(heavy).Verdict);
        Assert.Equal(Verdict.Healthy, Diagnostician.Diagnose(system).Verdict);
        Assert.Equal(HandleLevel.Suspicious, HandleThresholds.Classify("app.exe", 3001));
        Assert.Equal(HandleLevel.Normal, HandleThresholds.Classify("app.exe", 3000));
        Assert.Equal(HandleLevel.AllowListed, HandleThresholds.Classify("LSASS.EXE", 50000));
    }

    [Fact]
    public void Healthy_hosts_get_no_remediation()
    {
        var diagnosis = Diagnostician.Diagnose(SnapshotFixture.Linux().Process(3, "ok")
            .Outbound(10, SocketState.Established, "10.0.1.1", 443, 3).Build());

        Assert.Equal(Verdict.Healthy, diagnosis.Verdict);
        Assert.Empty(diagnosis.Remediation);
        Assert.Empty(diagnosis.Culprits);
    }
}
