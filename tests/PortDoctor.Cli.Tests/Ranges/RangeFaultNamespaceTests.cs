using System.Diagnostics;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Ranges;

/// <summary>
/// `range set --yes` killed at random moments, in a namespace: afterwards either nothing changed,
/// or a backup exists that `rollback` restores to the original exactly. 40 kills in two classes of
/// 20 (each its own namespace and state dir), so the halves run side by side. Two sets at once:
/// <see cref="RangeConcurrentSetNamespaceTests"/>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Takes(100)] // 205 s in CI for the 40 kills before they were halved
[Collection(SlowFirst.Prefix + "range set killed, first half")]
public sealed class RangeFaultNamespaceTests : RangeKillTest
{
    [Fact]
    public void A_kill_at_any_moment_leaves_nothing_changed_or_a_backup_that_restores_the_original() => KillAtRandomMoments(20, firstStart: 20000);
}

/// <summary>The second 20 kills of <see cref="RangeFaultNamespaceTests"/>.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Takes(100)]
[Collection(SlowFirst.Prefix + "range set killed, second half")]
public sealed class RangeFaultNamespaceSecondHalfTests : RangeKillTest
{
    [Fact]
    public void A_kill_at_any_moment_leaves_nothing_changed_or_a_backup_that_restores_the_original() => KillAtRandomMoments(20, firstStart: 20040);
}

/// <summary>Kills `range set --yes --persist` at random moments and checks what each kill left.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public abstract class RangeKillTest : RangeFaultTest
{
    protected void KillAtRandomMoments(int kills, int firstStart)
    {
        using var ns = CreateOrSkip();
        ns.WriteSysctl(Key, "32768 60999");
        // The kills are spread over one run's length: the shortest of 3 timed runs, since one run
        // timed during a burst of load (the suite's start) made every kill wait several seconds.
        var runMs = int.MaxValue;
        for (var calibration = 0; calibration < 3; calibration++)
        {
            var clock = Stopwatch.StartNew();
            Assert.Equal(0, ns.PortDoctor(SetArgs(20000)).Code);
            runMs = Math.Min(runMs, (int)clock.ElapsedMilliseconds);
            AssertRestoredToOriginal(ns, expectBackup: true);
        }

        var seed = Environment.TickCount;
        var random = new Random(seed);
        int killedWithBackup = 0, killedWithout = 0, finished = 0;

        for (var i = 0; i < kills; i++)
        {
            using var run = ns.StartPortDoctor(SetArgs(firstStart + (2 * i)));
            Thread.Sleep(random.Next(runMs / 4, runMs + (runMs / 4)));
            var done = run.HasExited;
            run.Kill(entireProcessTree: true); // ip netns exec forks: the portdoctor process is its child
            run.WaitForExit();
            var backup = File.Exists(BackupFile);
            if (done)
            {
                finished++;
            }
            else if (backup)
            {
                killedWithBackup++;
            }
            else
            {
                killedWithout++;
                Assert.True(ns.ReadSysctl(Key) == Original, $"kill {i} (seed {seed}) changed the range without a backup");
                Assert.False(File.Exists(PersistFile), $"kill {i} (seed {seed}) left the sysctl.d file without a backup");
            }

            AssertRestoredToOriginal(ns, backup);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"one run {runMs} ms; {kills} kills (seed {seed}): {killedWithBackup} with a backup, {killedWithout} before it, {finished} after the end");
    }
}
