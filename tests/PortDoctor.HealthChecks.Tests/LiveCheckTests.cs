using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortDoctor.Core.Model;
using PortDoctor.Platform;
using PortDoctor.Platform.Linux;
using PortDoctor.Tests.Shared;

namespace PortDoctor.HealthChecks.Tests;

/// <summary>The check on this machine's real kernel (Linux), through the public registration.</summary>
public sealed class LiveCheckTests
{
    [Fact]
    public async Task The_live_check_judges_this_host_and_finds_this_process_own_ports()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the live collector under test is Linux's");
        using var sockets = new LiveSockets();
        var builder = new ServiceCollectionBuilder();
        builder.Checks.AddEphemeralPorts(name: "ports");
        await using var services = builder.Services.BuildServiceProvider();

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        var entry = report.Entries["ports"];
        Assert.False(entry.Data.ContainsKey(EphemeralPortsData.Missing), entry.Description);
        Assert.Equal(Environment.ProcessId, entry.Data[EphemeralPortsData.OwnPid]);
        // The listener (bound to port 0) and the connects of LiveSockets take ports from the ephemeral range.
        Assert.True((int)entry.Data[EphemeralPortsData.OwnPorts] >= 2, entry.Description);
        Assert.InRange((double)entry.Data[EphemeralPortsData.UtilizationPercent], 0, 100);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void OwnerPids_reads_only_the_given_processes_fd_tables()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the /proc fd scan is Linux's");
        using var sockets = new LiveSockets();
        var collector = new LinuxSnapshotCollector(TimeProvider.System);

        var snapshot = collector.Collect(new CollectOptions { OwnerPids = [Environment.ProcessId], ProcessDetails = false }, TestContext.Current.CancellationToken);

        var owners = snapshot.Sockets.Where(s => s.Pid is not null).Select(s => s.Pid!.Value).Distinct().ToList();
        Assert.Equal([Environment.ProcessId], owners);
        var childPort = LiveSockets.RemotePort(sockets.ChildServer);
        var childSide = Assert.Single(snapshot.Sockets, s => s.Local.Port == childPort && s.State == SocketState.Established);
        Assert.Null(childSide.Pid); // the child's fd table was not read
        Assert.Null(snapshot.PermissionProblem);
        Assert.Contains(snapshot.Notes, n => n.Kind == NoteKind.OwnersLimitedToProcesses && n.Names.SequenceEqual([Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
    }
}
