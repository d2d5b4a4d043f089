using PortDoctor.Core.Trends;
using PortDoctor.History;
using Xunit;
using static PortDoctor.Monitoring.Tests.Hosts;

namespace PortDoctor.Monitoring.Tests;

public sealed class SamplerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static ScriptedSource Leaking(ManualTime time) =>
        new((n, _) => Observe(time.GetUtcNow(), Leak(20, 40000, n * 10)));

    /// <summary>A leak whose first observation takes <paramref name="slow"/> on the clock.</summary>
    private static ScriptedSource SlowFirst(ManualTime time, TimeSpan slow) => new((n, _) =>
    {
        var at = time.GetUtcNow();
        if (n == 1)
        {
            time.Advance(slow);
        }

        return Observe(at, Leak(20, 40000, n * 10));
    });

    private static Sampler Sampler(ISampleStore store, ManualTime time, Core.Sources.ISnapshotSource source, TimeSpan? duration = null) =>
        new(source, store, new SampleBuilder(_ => null), time, new SamplerOptions { Interval = Interval, Duration = duration });

    /// <summary>Advances the clock one interval at a time whenever the sampler sleeps, until it returns.</summary>
    private static async Task Drive(ManualTime time, Task run, int maxIntervals = 50)
    {
        for (var i = 0; i < maxIntervals && !run.IsCompleted; i++)
        {
            var wait = Task.Run(async () =>
            {
                while (time.Waiting == 0 && !run.IsCompleted)
                {
                    await Task.Delay(1, TestContext.Current.CancellationToken);
                }
            });
            await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            time.Advance(Interval);
        }

        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task It_samples_once_per_interval_until_the_duration_is_over()
    {
        var time = new ManualTime(Start);
        var store = new FakeStore();
        var outcomes = new List<SampleOutcome>();

        await Drive(time, Sampler(store, time, Leaking(time), Interval * 3).RunAsync(outcomes.Add, TestContext.Current.CancellationToken));

        Assert.Equal([Start, Start + Interval, Start + (2 * Interval)], store.Samples.Select(s => s.Time));
        Assert.Equal([10, 20, 30], store.Samples.Select(s => s.Processes[0].Ports));
        Assert.All(outcomes, o => Assert.True(o.Succeeded));
    }

    [Fact]
    public async Task A_sample_later_than_its_interval_is_followed_at_once_not_skipped()
    {
        var time = new ManualTime(Start);
        var store = new FakeStore();
        var source = SlowFirst(time, Interval * 1.5); // the first sample takes one and a half intervals (JIT, a loaded host)

        await Drive(time, Sampler(store, time, source, Interval * 3).RunAsync(_ => { }, TestContext.Current.CancellationToken));

        Assert.Equal(3, store.Samples.Count);
        Assert.Equal(Start + (Interval * 1.5), store.Samples[1].Time);
    }

    [Fact]
    public async Task Ticks_missed_by_a_whole_interval_are_skipped_not_taken_in_a_burst()
    {
        var time = new ManualTime(Start);
        var store = new FakeStore();
        var source = SlowFirst(time, Interval * 3.5); // suspended for three and a half intervals

        await Drive(time, Sampler(store, time, source, Interval * 6).RunAsync(_ => { }, TestContext.Current.CancellationToken));

        // Ticks at 5 and 10 s are gone; 15 s is taken late (at 17.5 s), then the schedule goes on.
        Assert.Equal(4, store.Samples.Count);
        Assert.Equal(Start + (Interval * 3.5), store.Samples[1].Time);
    }

    [Fact]
    public async Task A_failed_collection_or_write_is_one_line_and_the_next_interval_samples_again()
    {
        var time = new ManualTime(Start);
        var store = new FakeStore
        {
            FailAppend = n => n == 2 ? new HistoryUnavailableException("/tmp/h.db: database is locked", HistoryFault.Busy) : null,
        };
        var source = new ScriptedSource((n, _) => n == 2
            ? throw new InvalidOperationException("netlink refused")
            : Observe(time.GetUtcNow(), Leak(20, 40000, n)));
        var outcomes = new List<SampleOutcome>();

        await Drive(time, Sampler(store, time, source, Interval * 4).RunAsync(outcomes.Add, TestContext.Current.CancellationToken));

        Assert.Equal([true, false, false, true], outcomes.Select(o => o.Succeeded));
        Assert.Equal("sample at 2026-03-01T12:00:05Z failed: InvalidOperationException: netlink refused", outcomes[1].Error);
        Assert.Equal("sample at 2026-03-01T12:00:10Z failed: /tmp/h.db: database is locked", outcomes[2].Error);
        Assert.Equal([Start, Start + (3 * Interval)], store.Samples.Select(s => s.Time));
    }

    [Fact]
    public async Task Cancellation_while_waiting_returns_without_another_sample()
    {
        var time = new ManualTime(Start);
        var store = new FakeStore();
        using var cancel = new CancellationTokenSource();
        var run = Sampler(store, time, Leaking(time)).RunAsync(_ => { }, cancel.Token);
        while (time.Waiting == 0)
        {
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        await cancel.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Single(store.Samples);
    }

    [Fact]
    public async Task Cancellation_during_an_observation_stores_nothing_of_it_and_returns()
    {
        var time = new ManualTime(Start);
        var store = new FakeStore();
        using var cancel = new CancellationTokenSource();
        var source = new ScriptedSource((_, token) =>
        {
            cancel.Cancel();
            token.ThrowIfCancellationRequested();
            return Observe(time.GetUtcNow(), []);
        });
        var outcomes = new List<SampleOutcome>();

        await Sampler(store, time, source).RunAsync(outcomes.Add, cancel.Token);

        Assert.Empty(store.Samples);
        Assert.Empty(outcomes);
    }

    [Fact]
    public void A_sample_records_its_own_wall_and_cpu_time()
    {
        var time = new ManualTime(Start);
        var cpu = TimeSpan.FromSeconds(10);
        var source = new ScriptedSource((_, _) =>
        {
            time.Advance(TimeSpan.FromMilliseconds(120));
            cpu += TimeSpan.FromMilliseconds(45);
            return Observe(Start, []);
        });
        var sampler = new Sampler(source, new FakeStore(), new SampleBuilder(_ => null), time, new SamplerOptions()) { Cpu = () => cpu };

        var outcome = sampler.TakeSample(TestContext.Current.CancellationToken)!;

        Assert.Equal(new SampleCost(TimeSpan.FromMilliseconds(120), TimeSpan.FromMilliseconds(45)), outcome.Sample!.Cost);
    }

    [Fact]
    public async Task Retention_steps_run_after_a_sample_until_nothing_is_left()
    {
        var time = new ManualTime(Start);
        var store = new FakeStore { PendingSteps = 3 };

        await Drive(time, Sampler(store, time, Leaking(time), Interval).RunAsync(_ => { }, TestContext.Current.CancellationToken));

        Assert.Equal(3, store.Steps);
    }

    [Fact]
    public async Task Samples_reach_a_real_history_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pd-sampler-{Guid.NewGuid():N}", "history.db");
        try
        {
            var time = new ManualTime(DateTimeOffset.UtcNow);
            using (var history = HistoryStore.Open(path))
            {
                await Drive(time, Sampler(new HistorySampleStore(history), time, Leaking(time), Interval * 3).RunAsync(_ => { }, TestContext.Current.CancellationToken));
            }

            using var reader = HistoryStore.OpenReadOnly(path);
            var samples = reader.Query(DateTimeOffset.MinValue.AddYears(1), DateTimeOffset.MaxValue.AddYears(-1));
            Assert.Equal([10, 20, 30], samples.Select(s => s.Processes.Single(p => p.Pid == 20).Ports));
            Assert.Equal(30, samples[^1].Headline!.PortsInUse);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
