using System.Diagnostics;
using Xunit;

namespace PortDoctor.Cli.Tests.Lab;

/// <summary>
/// Signals at the worst moments: Ctrl+C (SIGINT to the foreground group) and a group SIGTERM
/// during setup, during the fill and during cleanup must leave no namespace and no lab process,
/// with exit code 130; a SIGKILLed lab's namespace is swept by the next lab. In the lab
/// collection: the sweep of a parallel lab must not take the namespace this class looks for.
/// </summary>
[Collection(LabCollection.Name)]
public class LabSignalTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public enum Moment
    {
        /// <summary>The namespace file exists; the lab is still setting it up (loopback, sysctls).</summary>
        Setup,

        /// <summary>The peer and the workload run in the namespace; the workload is filling the range.</summary>
        Fill,

        /// <summary>One signal starts the cleanup; then the group gets one every few milliseconds until the lab is gone.</summary>
        Cleanup,
    }

    [Theory]
    [InlineData("INT", Moment.Setup)]
    [InlineData("INT", Moment.Fill)]
    [InlineData("INT", Moment.Cleanup)]
    [InlineData("TERM", Moment.Setup)]
    [InlineData("TERM", Moment.Fill)]
    [InlineData("TERM", Moment.Cleanup)]
    public async Task A_group_signal_at_any_moment_leaves_nothing_behind_and_exits_130(string signal, Moment moment)
    {
        SkipUnlessRoot();
        var name = LabProcess.NamespaceName($"g{signal.ToLowerInvariant()}{(int)moment}");
        var tag = Guid.NewGuid().ToString("N");
        using var lab = LabProcess.StartAsForegroundJob(
            tag, "lab", "--pattern", "established", "--fill", "20%", "--namespace", name, "--hold", "60", "--format", "json");
        var error = new StderrWatch(lab);

        Assert.True(await ReachAsync(moment, name, lab, error), $"the lab never reached {moment}: {error.Text}");
        LabProcess.SignalGroup(lab, signal);
        if (moment == Moment.Cleanup)
        {
            while (!lab.HasExited)
            {
                LabProcess.SignalGroup(lab, signal);
                await Task.Delay(3, TestContext.Current.CancellationToken);
            }
        }

        Assert.True(lab.WaitForExit(Deadline), $"the lab did not stop on SIG{signal}");
        await lab.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(lab.ExitCode == 130, $"exit code {lab.ExitCode}: {error.Text}");
        Assert.False(File.Exists($"/run/netns/{name}"), $"namespace {name} was left behind: {error.Text}");
        Assert.Empty(LabProcess.ProcessesTagged(tag));
    }

    [Fact]
    public async Task A_killed_labs_children_exit_and_the_next_lab_sweeps_its_namespace()
    {
        SkipUnlessRoot();
        var tag = Guid.NewGuid().ToString("N");
        using var lab = LabProcess.StartAsForegroundJob(tag, "lab", "--pattern", "established", "--fill", "20%", "--hold", "60", "--format", "json");
        var error = new StderrWatch(lab);
        Assert.True(await error.HoldingAsync(), $"the lab never held: {error.Text}");
        var stale = $"pdlab-{lab.Id}-1";
        Assert.True(File.Exists($"/run/netns/{stale}"), $"expected the default name {stale}: {error.Text}");

        LabProcess.RunTool("kill", "-KILL", lab.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(lab.WaitForExit(Deadline));

        // Its peer and workload see their stdin close and stop by themselves.
        var stopwatch = Stopwatch.StartNew();
        while (LabProcess.ProcessesTagged(tag).Count > 0 && stopwatch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Empty(LabProcess.ProcessesTagged(tag));
        Assert.True(File.Exists($"/run/netns/{stale}"), "SIGKILL cannot clean up: the namespace stays until the next lab");

        var (code, _, next) = LabProcess.Run("lab", "--pattern", "healthy", "--namespace", LabProcess.NamespaceName("sweep"), "--format", "json");

        Assert.True(code == 0, next);
        Assert.Contains($"lab: removed the stale namespace {stale} (its lab, PID {lab.Id}, is gone)", next, StringComparison.Ordinal);
        Assert.False(File.Exists($"/run/netns/{stale}"));
    }

    private static async Task<bool> ReachAsync(Moment moment, string name, Process lab, StderrWatch error)
    {
        if (moment == Moment.Cleanup)
        {
            return await error.HoldingAsync();
        }

        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < Deadline && !lab.HasExited)
        {
            var reached = moment == Moment.Setup ? File.Exists($"/run/netns/{name}") : File.Exists($"/run/netns/{name}") && LabProcess.PidsIn(name).Count >= 2;
            if (reached)
            {
                return true;
            }

            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        return false;
    }

    private static void SkipUnlessRoot()
    {
        if (LabProcess.SkipReason() is { } reason)
        {
            Assert.Skip(reason);
        }
    }
}
