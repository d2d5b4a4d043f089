using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortDoctor.Core.Model;

namespace PortDoctor.HealthChecks.Tests;

public sealed class DataTests
{
    private static readonly int Self = Environment.ProcessId;

    [Fact]
    public void The_apps_own_ports_and_share_are_counted_from_its_pid()
    {
        var snapshot = new Snapshots().Outbound(10, "10.0.0.7", 5432, Self, "app").Outbound(30, "10.0.0.7", 5432, Self + 1, "other").Build();

        var result = Probes.Judge(snapshot);

        Assert.Equal(Self, result.Data[EphemeralPortsData.OwnPid]);
        Assert.Equal(10, result.Data[EphemeralPortsData.OwnPorts]);
        Assert.Equal(25.0, result.Data[EphemeralPortsData.OwnSharePercent]);
    }

    [Fact]
    public void OwnerScope_self_says_why_there_are_no_top_processes()
    {
        var snapshot = new Snapshots().Outbound(10, "10.0.0.7", 5432, Self, "app").Build();

        var result = Probes.Judge(snapshot);

        Assert.False(result.Data.ContainsKey(EphemeralPortsData.TopProcesses));
        Assert.Contains("OwnerScope.All", (string)result.Data[EphemeralPortsData.TopProcessesMissing], StringComparison.Ordinal);
    }

    [Fact]
    public void OwnerScope_all_lists_the_top_five_processes_largest_first()
    {
        var snapshots = new Snapshots();
        for (var pid = 101; pid <= 107; pid++)
        {
            snapshots.Outbound(pid - 100, "10.0.0.7", 5432, pid, "p" + pid);
        }

        var result = Probes.Judge(snapshots.Build(), o => o.OwnerScope = OwnerScope.All);

        var top = Assert.IsType<PortHolder[]>(result.Data[EphemeralPortsData.TopProcesses]);
        Assert.Equal([107, 106, 105, 104, 103], top.Select(p => p.Pid));
        Assert.Equal(new PortHolder(107, "p107", 7), top[0]);
        Assert.False(result.Data.ContainsKey(EphemeralPortsData.TopProcessesMissing));
    }

    [Fact]
    public void OwnerScope_all_without_any_owner_says_what_is_missing_instead_of_an_empty_list()
    {
        var snapshot = new Snapshots().Outbound(20, "10.0.0.7", 5432, pid: null).Build();

        var result = Probes.Judge(snapshot, o => o.OwnerScope = OwnerScope.All);

        Assert.False(result.Data.ContainsKey(EphemeralPortsData.TopProcesses));
        Assert.Contains("no socket could be attributed", (string)result.Data[EphemeralPortsData.TopProcessesMissing], StringComparison.Ordinal);
    }

    [Fact]
    public void An_assumed_range_is_not_judged_healthy()
    {
        var snapshot = new Snapshots().Outbound(5, "10.0.0.7", 5432, Self).Build(assumedRange: true);

        var result = Probes.Judge(snapshot);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("dynamic port range could not be read", (string)result.Data[EphemeralPortsData.Missing], StringComparison.Ordinal);
        Assert.False(result.Data.ContainsKey(EphemeralPortsData.UtilizationPercent));
    }

    [Fact]
    public void Unreadable_socket_tables_are_degraded_with_the_notes()
    {
        var snapshot = new Snapshots().Build() with { Notes = [new Note(NoteKind.SocketTableUnreadable) { Path = "/proc/thread-self/net/tcp", Name = "tcp", Message = "denied" }] };

        var result = Probes.Judge(snapshot);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("socket-table-unreadable /proc/thread-self/net/tcp: denied", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_snapshot_is_degraded_with_its_reason()
    {
        var source = new FixedSource(new Snapshots().Build()) { Failure = "netlink refused (EPERM)" };
        var check = Probes.Check(source, new ManualClock());

        var result = Probes.Run(check);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("ephemeral port use unknown: the snapshot could not be taken: netlink refused (EPERM)", result.Description);
    }
}
