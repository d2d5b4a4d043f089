using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using Xunit;

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
        var full = Assert.Single(diagnosis.Reasons.OfType<PoolFullOfTimeWaitFinding>());
        Assert.Equal((1000, 997, 1000), (full.Ports, full.TimeWaitOnlyPorts, full.Capacity));
    }

    [Fact]
    public void A_probe_failing_with_address_unavailable_confirms_exhaustion_and_TimeWait_goes_to_the_live_client()
    {
        var snapshot = TimeWaitChurn().Probe(ProbeOutcome.AddressUnavailable, 98, "EADDRINUSE").Build();

        var diagnosis = Diagnostician.Diagnose(snapshot);

        Assert.Equal(Verdict.Exhausted, diagnosis.Verdict);
        Assert.Equal(new ProbeFailedFinding("bind port 0", ProbeOutcome.AddressUnavailable, "EADDRINUSE", 98), diagnosis.Reasons[0]);
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
        Assert.EndsWith("> /etc/sysctl.d/60-portdoctor-port-range.conf", widen.Command, StringComparison.Ordinal);
        Assert.Contains("portdoctor range set --start 39000 --count 26536 --yes", widen.Text, StringComparison.Ordinal);
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

    [Fact]
    public void Bound_sockets_the_kernel_does_not_list_are_found_through_unlisted_socket_fds()
    {
        var snapshot = SnapshotFixture.Linux().Build() with
        {
            Processes = new Dictionary<int, ProcessInfo> { [90] = new(90, "binder") { UnlistedSocketCount = 600, HandleCount = 640 } },
        };

        var culprit = Assert.Single(Diagnostician.Diagnose(snapshot).Culprits);

        Assert.Equal((90, LeakPattern.Bound, 600), (culprit.Pid, culprit.Pattern, culprit.Ports));
    }

    [Fact]
    public void Where_the_kernel_lists_bound_sockets_fds_in_no_table_are_not_taken_for_them()
    {
        // Seen live (6.18): a server holding 367 accepted sockets its peers had reset was named
        // "pattern bound, 367 ports (36.7% of capacity)"; reset sockets are in no table and hold no port.
        var snapshot = SnapshotFixture.Linux().Build() with
        {
            Processes = new Dictionary<int, ProcessInfo> { [90] = new(90, "server") { UnlistedSocketCount = 600, HandleCount = 640 } },
            ListsBoundOnlySockets = true,
        };

        var diagnosis = Diagnostician.Diagnose(snapshot);

        Assert.Empty(diagnosis.Culprits);
        Assert.Equal(Verdict.Healthy, diagnosis.Verdict);
    }

    [Fact]
    public void Windows_4231_events_confirm_exhaustion_but_kernel_log_lines_are_only_evidence()
    {
        var time = new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);
        var windows = new SnapshotFixture(OsKind.Windows, new PortRange(49152, 16384)).Build() with
        {
            Events = [new PortEvent(time, "Tcpip", 4231, "A request to allocate an ephemeral port number from the global TCP port space has failed") { Count = 3 }],
        };
        var linux = SnapshotFixture.Linux().Build() with
        {
            Events = [new PortEvent(time, "kernel", 0, "TCP: time wait bucket table overflow")],
        };

        var confirmed = Diagnostician.Diagnose(windows);
        var notConfirmed = Diagnostician.Diagnose(linux);

        Assert.Equal(Verdict.Exhausted, confirmed.Verdict);
        var events = Assert.IsType<ConfirmingEventsFinding>(confirmed.Reasons[0]);
        Assert.Equal(("Tcpip", 4231, 3), (events.Source, events.EventId, events.Count));
        Assert.Equal(Verdict.Healthy, notConfirmed.Verdict);
        Assert.Contains(notConfirmed.Evidence, e => e is LogLinesFinding { Source: "kernel", Count: 1, Message: "TCP: time wait bucket table overflow" });
    }

    [Fact]
    public void A_Windows_pool_full_of_TimeWait_is_at_risk_until_an_event_or_probe_confirms_it()
    {
        var fixture = new SnapshotFixture(OsKind.Windows, new PortRange(49152, 16384)).Process(700, "svc.exe")
            .Outbound(100, SocketState.Established, "10.5.5.5", 445, 700)
            .Outbound(16284, SocketState.TimeWait, "10.5.5.5", 445, null, offset: 100);

        var unconfirmed = Diagnostician.Diagnose(fixture.Build());
        var confirmed = Diagnostician.Diagnose(fixture.Probe(ProbeOutcome.AddressUnavailable, 10055, "WSAENOBUFS").Build());

        Assert.Equal(100, unconfirmed.Headline!.UtilizationPercent);
        Assert.Equal(16284, unconfirmed.Headline.TimeWaitOnlyPorts);
        Assert.Equal(Verdict.AtRisk, unconfirmed.Verdict);
        Assert.Equal(Verdict.Exhausted, confirmed.Verdict);
        Assert.Equal(LeakPattern.TimeWait, confirmed.Culprits[0].Pattern);
    }

    [Fact]
    public void Most_ports_held_toward_several_destinations_is_at_risk_though_each_destination_has_room()
    {
        // Seen live: 480 bind-before-connect connections over 4 listeners in a 500-port namespace said HEALTHY
        // (24% toward the fullest destination) beside "Culprit: 480 ports (96% of capacity)", while bind(0) had 20 ports left.
        static SnapshotFixture Spread(int perDestination)
        {
            var fixture = SnapshotFixture.Linux().Process(60, "proxy");
            for (var d = 0; d < 4; d++)
            {
                fixture.Outbound(perDestination, SocketState.Established, "10.1.1.1", 8080 + d, 60, offset: d * perDestination);
            }

            return fixture;
        }

        var crowded = Diagnostician.Diagnose(Spread(200).Build());
        var roomy = Diagnostician.Diagnose(Spread(150).Build());

        Assert.Equal(20, crowded.Headline!.UtilizationPercent);
        Assert.Equal(Verdict.AtRisk, crowded.Verdict);
        var held = Assert.Single(crowded.Reasons.OfType<PortsHeldFinding>());
        Assert.Equal((800, 200, 80.0), (held.Held, held.Free, held.Percent));
        Assert.Contains(crowded.Remediation, r => r.Text.Contains("IP_BIND_ADDRESS_NO_PORT", StringComparison.Ordinal));
        Assert.Equal(Verdict.Healthy, roomy.Verdict);
        Assert.Empty(roomy.Reasons.OfType<PortsHeldFinding>());
    }

    [Fact]
    public void A_local_port_used_toward_two_destinations_is_one_port_of_the_process()
    {
        // Seen live: 420 connections over IPv4 and IPv6 on 246 local ports said "420 ports (84% of capacity)".
        var snapshot = SnapshotFixture.Linux().Process(70, "proxy").Process(71, "other")
            .Outbound(300, SocketState.Established, "10.1.1.1", 8080, 70)
            .Outbound(300, SocketState.Established, "10.1.1.2", 8080, 70)
            .Outbound(350, SocketState.Established, "10.1.1.3", 8080, 71, offset: 300)
            .Build();

        var diagnosis = Diagnostician.Diagnose(snapshot);

        var proxy = diagnosis.Consumers.Single(c => c.Pid == 70);
        Assert.Equal((300, 600, 300), (proxy.EphemeralPorts, proxy.EphemeralSockets, proxy.SocketsOnSharedPorts));
        Assert.Equal([71, 70], diagnosis.Consumers.Select(c => c.Pid));
        var culprit = diagnosis.Culprits.Single(c => c.Pid == 70);
        Assert.Equal((300, 30.0), (culprit.Ports, culprit.SharePercent));
    }

    [Fact]
    public void Sockets_children_inherited_are_freed_only_by_restarting_every_holder()
    {
        var built = SnapshotFixture.Linux().Process(80, "prefork")
            .Outbound(800, SocketState.Established, "10.2.2.2", 443, 80).Build();
        var processes = new Dictionary<int, ProcessInfo>(built.Processes)
        {
            [81] = new ProcessInfo(81, "prefork") { HoldsSocketsOf = new Dictionary<int, int> { [80] = 400 } },
            [82] = new ProcessInfo(82, "prefork") { HoldsSocketsOf = new Dictionary<int, int> { [80] = 150 } },
        };

        var diagnosis = Diagnostician.Diagnose(built with { Processes = processes });

        var culprit = Assert.Single(diagnosis.Culprits);
        Assert.Equal([new SocketSharer(81, "prefork", 400), new SocketSharer(82, "prefork", 150)], culprit.SharedWith);
        var relief = diagnosis.Remediation.First(r => r.Kind == "relief");
        Assert.Contains("the 2 processes that hold its sockets too (PIDs 81, 82)", relief.Text, StringComparison.Ordinal);
        Assert.Contains("over fork", diagnosis.Remediation[0].Text, StringComparison.Ordinal);
        Assert.Empty(Diagnostician.Diagnose(built).Culprits.Single().SharedWith);
    }

    [Fact]
    public void TimeWait_of_a_process_that_has_exited_is_not_said_to_be_a_live_process()
    {
        // Seen live: a leaker killed after the monitor saw its connections; diagnose said "216 attributed to a live process".
        var earlier = SnapshotFixture.Linux().Process(90, "gone").Outbound(50, SocketState.Established, "10.3.3.3", 80, 90).Build();
        var now = SnapshotFixture.Linux().Process(91, "alive")
            .Outbound(50, SocketState.TimeWait, "10.3.3.3", 80, null)
            .Outbound(5, SocketState.Established, "10.3.3.4", 80, 91, offset: 50).Build();

        var diagnosis = Diagnostician.Diagnose(now, new DiagnosisContext { Previous = [earlier] });

        var orphans = Assert.Single(diagnosis.Evidence.OfType<OrphanedSocketsFinding>());
        Assert.Equal((50, 50, 50), (orphans.Sockets, orphans.Attributed, orphans.ToGoneProcesses));
    }

    [Fact]
    public void Many_processes_of_one_program_are_its_culprit_together_when_none_is_alone()
    {
        // Seen live: 450 processes of one script, 2 connections each, held 90% of the pool: "Culprit: none".
        var fixture = SnapshotFixture.Linux();
        for (var i = 0; i < 300; i++)
        {
            fixture.Process(1000 + i, "fetch").Outbound(2, SocketState.Established, "10.4.4.4", 443, 1000 + i, offset: 2 * i);
        }

        fixture.Process(5, "fetch-other").Outbound(20, SocketState.Established, "10.4.4.5", 443, 5, offset: 600);
        for (var i = 0; i < 60; i++)
        {
            // Each svchost hosts other services: 120 ports over 60 of them are no one program.
            fixture.Process(3000 + i, "svchost").Outbound(2, SocketState.Established, "10.4.4.6", 443, 3000 + i, offset: 620 + (2 * i));
        }

        var diagnosis = Diagnostician.Diagnose(fixture.Build());

        var program = Assert.Single(diagnosis.Culprits);
        Assert.Equal(("fetch", 300, 600, 60.0, LeakPattern.Established), (program.Process, program.MemberPids.Count, program.Ports, program.SharePercent, program.Pattern));
        Assert.Equal(Verdict.AtRisk, diagnosis.Verdict); // over 50% together, as one process would be
        Assert.Contains("fetch (300 processes: PIDs 1000, 1001, 1002, ...)", diagnosis.Remediation[0].Text, StringComparison.Ordinal);
    }
}
