using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Core.Trends.Forecasting;
using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Core.Tests.Analysis;

/// <summary>Issue 10 section 2: verdicts that were wrong or misleading, each asserted by value.</summary>
public class VerdictFixesTests
{
    [Fact]
    public void Owners_hidden_by_a_missing_privilege_that_could_be_the_culprit_are_said_and_exit_77()
    {
        var snapshot = SnapshotFixture.Linux().Process(7, "small")
            .Outbound(600, SocketState.Established, "10.1.1.1", 443, null)
            .Outbound(20, SocketState.Established, "10.1.1.2", 443, 7, offset: 600)
            .Build().Hidden(600);

        var diagnosis = Diagnostician.Diagnose(snapshot);

        var hidden = Assert.Single(diagnosis.Reasons.OfType<OwnersUnreadableFinding>());
        Assert.Equal((600, 600, true), (hidden.Sockets, hidden.EphemeralSockets, hidden.CouldHoldCulprit));
        Assert.Equal((int)ExitCode.NoPermission, diagnosis.ExitCode);
        Assert.Empty(diagnosis.Culprits);
        Assert.Contains("as root", diagnosis.Remediation[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_hidden_owners_next_to_a_bigger_named_culprit_do_not_change_the_exit_code()
    {
        var snapshot = SnapshotFixture.Linux().Process(7, "leaky")
            .Outbound(20, SocketState.Established, "10.1.1.1", 443, null)
            .Outbound(800, SocketState.CloseWait, "10.1.1.2", 443, 7, offset: 20)
            .Build().Hidden(20);

        var diagnosis = Diagnostician.Diagnose(snapshot);

        Assert.Equal(7, Assert.Single(diagnosis.Culprits).Pid);
        Assert.Contains(diagnosis.Evidence, e => e is OwnersUnreadableFinding { Sockets: 20, CouldHoldCulprit: false });
        Assert.Equal((int)diagnosis.Verdict, diagnosis.ExitCode);
    }

    [Fact]
    public void Input_without_a_PID_column_says_it_has_no_owners()
    {
        var diagnosis = Diagnostician.Diagnose(SnapshotFixture.Linux()
            .Outbound(500, SocketState.Established, "10.1.1.1", 443, null).Build());

        Assert.Equal(500, Assert.Single(diagnosis.Reasons.OfType<NoOwnersInInputFinding>()).EphemeralSockets);
        Assert.Equal((int)diagnosis.Verdict, diagnosis.ExitCode);
    }

    [Fact]
    public void Group_object_counts_per_state_and_pid_name_the_culprit_and_pid_0_TimeWait_is_not_given_to_System()
    {
        const string Text = "PS C:\\> Get-NetTCPConnection | Group-Object -Property State, OwningProcess\r\n\r\n" +
            "Count Name                      Group\r\n----- ----                      -----\r\n" +
            "14800 Bound, 5120               {MSFT_NetTCPConnection, ...}\r\n" +
            "  300 TimeWait, 0               {MSFT_NetTCPConnection, ...}\r\n" +
            "    3 Listen, 4                 {MSFT_NetTCPConnection, ...}\r\n" +
            "   12 Established, 900          {MSFT_NetTCPConnection, ...}\r\n";
        var snapshot = EvidenceReader.ReadText(Text, format: "powershell-group").Latest;

        var diagnosis = Diagnostician.Diagnose(snapshot);

        var culprit = diagnosis.Culprits[0];
        Assert.Equal((5120, LeakPattern.Bound, 14800), (culprit.Pid, culprit.Pattern, culprit.Ports));
        Assert.NotEqual(Verdict.Healthy, diagnosis.Verdict);
        Assert.DoesNotContain(diagnosis.TimeWait, t => t.Pid is not null);
        Assert.DoesNotContain(diagnosis.Consumers, c => c.Pid == 4 && c.AttributedTimeWait > 0);
    }

    [Fact]
    public void FinWait2_is_its_own_closing_pattern_not_TimeWait_and_gets_no_tw_reuse_advice()
    {
        var snapshot = SnapshotFixture.Linux(40000, 250).Process(61, "client")
            .Outbound(2, SocketState.Established, "10.3.3.3", 8443, 61)
            .Outbound(198, SocketState.FinWait2, "10.3.3.3", 8443, null, offset: 2)
            .Build();

        var diagnosis = Diagnostician.Diagnose(snapshot);

        var culprit = Assert.Single(diagnosis.Culprits);
        Assert.Equal((61, LeakPattern.Closing), (culprit.Pid, culprit.Pattern));
        Assert.Equal((198, 0), (culprit.Counts[LeakPattern.Closing], culprit.Counts[LeakPattern.TimeWait]));
        Assert.DoesNotContain(diagnosis.Remediation, r => r.Text.Contains("tcp_tw_reuse", StringComparison.Ordinal));
        Assert.Contains(diagnosis.Remediation, r => r.Text.Contains("tcp_fin_timeout", StringComparison.Ordinal));
    }

    [Fact]
    public void TimeWait_relief_does_not_promise_a_restart_frees_the_ports()
    {
        var snapshot = SnapshotFixture.Linux().Process(31, "poller")
            .Outbound(3, SocketState.Established, "10.6.6.6", 8080, 31)
            .Outbound(200, SocketState.TimeWait, "10.6.6.6", 8080, null, offset: 3)
            .Probe(ProbeOutcome.AddressUnavailable, 99, "EADDRNOTAVAIL")
            .Build();

        var diagnosis = Diagnostician.Diagnose(snapshot);

        Assert.Equal(LeakPattern.TimeWait, diagnosis.Culprits[0].Pattern);
        var relief = diagnosis.Remediation.First(r => r.Kind == "relief");
        Assert.DoesNotContain("restart poller", relief.Text, StringComparison.Ordinal);
        Assert.Contains("60 s", relief.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Udp_ports_held_by_one_process_name_it_with_the_udp_bound_pattern()
    {
        var fixture = SnapshotFixture.Linux(40000, 200).Process(77, "resolver");
        var sockets = Enumerable.Range(40000, 200).Select(port =>
            new SocketEntry(TransportProtocol.Udp, IpFamily.IPv4, SocketState.Unconnected, new Endpoint("0.0.0.0", port), Endpoint.AnyV4) { Pid = 77 });
        var snapshot = fixture.Build() with { Sockets = [.. sockets] };

        var diagnosis = Diagnostician.Diagnose(snapshot);

        Assert.Equal(TransportProtocol.Udp, diagnosis.Headline!.Protocol);
        var culprit = Assert.Single(diagnosis.Culprits);
        Assert.Equal((77, LeakPattern.UdpBound, 200, 100.0), (culprit.Pid, culprit.Pattern, culprit.Ports, culprit.SharePercent));
        Assert.Equal(200, diagnosis.Consumers[0].EphemeralUdp);
    }

    [Fact]
    public void One_process_holding_73_percent_in_CloseWait_is_at_risk_not_healthy()
    {
        var snapshot = SnapshotFixture.Linux(40000, 12330).Process(12, "worker")
            .Outbound(9000, SocketState.CloseWait, "10.7.7.7", 6379, 12)
            .Build();

        var diagnosis = Diagnostician.Diagnose(snapshot);

        Assert.Equal(Verdict.AtRisk, diagnosis.Verdict);
        var share = Assert.Single(diagnosis.Reasons.OfType<CulpritShareFinding>());
        Assert.Equal((12, 9000, 73.0), (share.Pid, share.Ports, share.Percent));
        Assert.NotEmpty(diagnosis.Remediation);
    }

    [Fact]
    public void A_periodic_log_growing_fast_gives_minutes_to_full_with_a_band_and_is_at_risk()
    {
        var snapshot = SnapshotFixture.Linux(32768, 28232).Process(12, "worker")
            .Outbound(3000, SocketState.Established, "10.7.7.7", 6379, 12)
            .Build();
        // 60 samples a minute apart, +50 sockets a minute: 3,000 ports, 25,232 left at 3,000/h.
        var series = Enumerable.Range(0, 60).Select(m => Summary(snapshot.Time.AddMinutes(m - 59), 12, 50 + 50 * m)).ToList();

        var diagnosis = Diagnostician.Diagnose(snapshot, new DiagnosisContext { Series = series });

        Assert.Equal(Verdict.AtRisk, diagnosis.Verdict);
        var forecast = Assert.Single(diagnosis.Reasons.OfType<ForecastFinding>());
        Assert.Equal((12, "worker", 3000.0, 25232), (forecast.Pid, forecast.Process, forecast.PerHour, forecast.PortsLeft));
        Assert.Equal(25232 / 50.0, forecast.Minutes, 0);
        Assert.True(forecast.MinutesLow <= forecast.Minutes && forecast.Minutes <= forecast.MinutesHigh);
    }

    [Fact]
    public void A_slow_growth_that_fills_after_a_day_keeps_a_healthy_host_healthy_but_says_when()
    {
        var snapshot = SnapshotFixture.Linux(32768, 28232).Process(12, "worker")
            .Outbound(2000, SocketState.Established, "10.7.7.7", 6379, 12)
            .Build();
        var series = Enumerable.Range(0, 120).Select(m => Summary(snapshot.Time.AddMinutes(m - 119), 12, 1881 + m)).ToList();

        var diagnosis = Diagnostician.Diagnose(snapshot, new DiagnosisContext { Series = series });

        Assert.Equal(Verdict.Healthy, diagnosis.Verdict);
        Assert.True(Assert.Single(diagnosis.Reasons.OfType<ForecastFinding>()).MinutesLow > Diagnostician.ForecastHorizon.TotalMinutes);
        Assert.Empty(diagnosis.Culprits);
    }

    [Fact]
    public void A_leak_below_the_culprit_share_that_fills_the_pool_within_a_day_is_the_culprit()
    {
        // 1,500 of 28,232 ports (5.3%: no share culprit), +1,500 an hour: full in under 18 h.
        var snapshot = SnapshotFixture.Linux(32768, 28232).Process(12, "worker").Process(13, "steady")
            .Outbound(1500, SocketState.Established, "10.7.7.7", 6379, 12)
            .Outbound(900, SocketState.Established, "10.7.7.8", 443, 13)
            .Build();
        var series = Enumerable.Range(0, 60).Select(m => Summary(snapshot.Time.AddMinutes(m - 59), 12, 25 + 25 * m)).ToList();

        var diagnosis = Diagnostician.Diagnose(snapshot, new DiagnosisContext { Series = series });

        Assert.Equal(Verdict.AtRisk, diagnosis.Verdict);
        var culprit = Assert.Single(diagnosis.Culprits);
        Assert.Equal((12, "worker", LeakPattern.Established, 1500, 1500.0), (culprit.Pid, culprit.Process, culprit.Pattern, culprit.Ports, culprit.GrowthPerHour));
        Assert.True(culprit.SharePercent < LeakPatterns.CulpritSharePercent);
    }

    [Fact]
    public void A_forecast_over_a_log_without_process_names_names_no_process()
    {
        var snapshot = SnapshotFixture.Linux(32768, 28232)
            .Outbound(3000, SocketState.Established, "10.7.7.7", 6379, 12)
            .Build();
        var series = Enumerable.Range(0, 60).Select(m => Summary(snapshot.Time.AddMinutes(m - 59), 12, 50 + 50 * m)).ToList();

        var forecast = Assert.Single(Diagnostician.Diagnose(snapshot, new DiagnosisContext { Series = series }).Reasons.OfType<ForecastFinding>());

        Assert.Equal((12, null), (forecast.Pid, forecast.Process));
    }

    [Fact]
    public void A_flat_periodic_log_gives_no_forecast_and_the_reason_as_evidence()
    {
        var snapshot = SnapshotFixture.Linux(32768, 28232).Process(12, "worker")
            .Outbound(2000, SocketState.Established, "10.7.7.7", 6379, 12)
            .Build();
        var series = Enumerable.Range(0, 60).Select(m => Summary(snapshot.Time.AddMinutes(m - 59), 12, 2000 + (m % 2))).ToList();

        var diagnosis = Diagnostician.Diagnose(snapshot, new DiagnosisContext { Series = series });

        Assert.Empty(diagnosis.Reasons.OfType<ForecastFinding>());
        Assert.Equal(NoForecastReason.NotGrowing, Assert.Single(diagnosis.Evidence.OfType<NoForecastFinding>()).Reason);
    }

    private static SampleSummary Summary(DateTimeOffset time, int pid, int established) =>
        new(time, "log", established)
        {
            ByState = new Dictionary<SocketState, int> { [SocketState.Established] = established },
            ByPid = new Dictionary<int, int> { [pid] = established },
        };

    [Fact]
    public void A_failed_target_that_is_not_exhaustion_is_a_reason_not_only_evidence()
    {
        var snapshot = SnapshotFixture.Linux().Probe(ProbeOutcome.TimedOut, 110, "ETIMEDOUT").Build();

        var diagnosis = Diagnostician.Diagnose(snapshot);

        Assert.Equal(Verdict.Healthy, diagnosis.Verdict);
        var failed = Assert.Single(diagnosis.Reasons.OfType<ProbeFailedFinding>());
        Assert.False(failed.ConfirmsExhaustion);
    }

    [Fact]
    public void Every_enum_value_has_one_wire_name()
    {
        Assert.Equal(Enum.GetValues<FindingKind>().Length, Enum.GetValues<FindingKind>().Select(k => k.ToName()).Distinct().Count());
        Assert.Equal(Enum.GetValues<LeakPattern>().Length, Enum.GetValues<LeakPattern>().Select(k => k.ToName()).Distinct().Count());
        Assert.True(AnalysisNames.TryParsePattern("closing", out var closing) && closing == LeakPattern.Closing);
        Assert.Equal("udp-bound", LeakPattern.UdpBound.ToName());
    }
}
