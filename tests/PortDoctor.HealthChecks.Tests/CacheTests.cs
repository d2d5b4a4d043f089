using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PortDoctor.HealthChecks.Tests;

public sealed class CacheTests
{
    [Fact]
    public void Probes_within_the_cache_duration_share_one_snapshot_and_the_next_one_refreshes_in_the_background()
    {
        var clock = new ManualClock();
        var source = new FixedSource(new Snapshots().Outbound(10, "10.0.0.7", 5432, 42).Build());
        var check = Probes.Check(source, clock);

        for (var second = 0; second < 10; second++)
        {
            Assert.Equal(HealthStatus.Healthy, Probes.Run(check).Status);
            clock.Advance(TimeSpan.FromSeconds(0.99));
        }

        Assert.Equal(1, source.Calls);
        source.Snapshot = new Snapshots().Outbound(95, "10.0.0.7", 5432, 42).Build();
        clock.Advance(TimeSpan.FromSeconds(0.2));
        // Expired: this probe starts the refresh and answers from the previous snapshot meanwhile.
        Assert.Equal(HealthStatus.Healthy, Probes.Run(check).Status);
        Assert.Equal(HealthStatus.Unhealthy, Eventually(check, HealthStatus.Unhealthy));
        Assert.Equal(2, source.Calls);
    }

    [Fact]
    public void A_snapshot_older_than_two_cache_durations_is_not_served_the_probe_waits_for_the_new_one()
    {
        var clock = new ManualClock();
        var source = new FixedSource(new Snapshots().Outbound(10, "10.0.0.7", 5432, 42).Build());
        var check = Probes.Check(source, clock);
        Assert.Equal(HealthStatus.Healthy, Probes.Run(check).Status);

        source.Snapshot = new Snapshots().Outbound(95, "10.0.0.7", 5432, 42).Build();
        clock.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(HealthStatus.Unhealthy, Probes.Run(check).Status);
        Assert.Equal(2, source.Calls);
    }

    [Fact]
    public void An_unexpected_failure_reaches_its_probe_and_the_next_probe_refreshes_again()
    {
        var clock = new ManualClock();
        var source = new FixedSource(new Snapshots().Outbound(95, "10.0.0.7", 5432, 42).Build()) { UnexpectedFailures = 1 };
        var check = Probes.Check(source, clock);

        var failed = Assert.Throws<FormatException>(() => Probes.Run(check));

        // Not the same faulted refresh again: the cache started a new one (no time has passed).
        Assert.Equal("unexpected failure in the snapshot source", failed.Message);
        Assert.Equal(HealthStatus.Unhealthy, Probes.Run(check).Status);
        Assert.Equal(2, source.Calls);
    }

    private static HealthStatus Eventually(EphemeralPortsHealthCheck check, HealthStatus wanted)
    {
        var status = Probes.Run(check).Status;
        for (var i = 0; i < 500 && status != wanted; i++)
        {
            Thread.Sleep(10);
            status = Probes.Run(check).Status;
        }

        return status;
    }

    [Fact]
    public async Task Concurrent_probes_after_expiry_wait_for_one_refresh_not_one_each()
    {
        using var gate = new ManualResetEventSlim();
        var source = new FixedSource(new Snapshots().Outbound(80, "10.0.0.7", 5432, 42).Build()) { Gate = gate };
        var check = Probes.Check(source, new ManualClock());

        var probes = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => check.CheckHealthAsync(Probes.Context(check), TestContext.Current.CancellationToken)))
            .ToArray();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        gate.Set();
        var results = await Task.WhenAll(probes);

        Assert.Equal(1, source.Calls);
        Assert.All(results, r => Assert.Equal(HealthStatus.Degraded, r.Status));
    }

    [Fact]
    public async Task A_probe_that_times_out_leaves_the_refresh_to_the_others()
    {
        using var gate = new ManualResetEventSlim();
        var source = new FixedSource(new Snapshots().Build()) { Gate = gate };
        var check = Probes.Check(source, new ManualClock());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check.CheckHealthAsync(Probes.Context(check), timeout.Token));
        gate.Set();

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(Probes.Context(check), TestContext.Current.CancellationToken)).Status);
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task The_registration_keeps_one_cache_although_the_framework_creates_the_check_per_probe()
    {
        var builder = new ServiceCollectionBuilder();
        var clock = new ManualClock();
        builder.Services.AddSingleton<TimeProvider>(clock);
        var source = new FixedSource(new Snapshots().Outbound(92, "10.0.0.7", 5432, 42).Build());
        builder.Checks.AddEphemeralPorts(new EphemeralPortsHealthCheckOptions(), _ => source, name: null, failureStatus: HealthStatus.Degraded, tags: ["ready"], timeout: null);
        await using var services = builder.Services.BuildServiceProvider();
        var health = services.GetRequiredService<HealthCheckService>();

        var first = await health.CheckHealthAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(5));
        var second = await health.CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, source.Calls);
        var entry = Assert.Single(second.Entries);
        Assert.Equal("ephemeral-ports", entry.Key);
        Assert.Equal(HealthStatus.Degraded, entry.Value.Status); // failureStatus above 90%
        Assert.Equal(["ready"], entry.Value.Tags);
        Assert.Equal(first.Entries["ephemeral-ports"].Description, entry.Value.Description);
    }
}
