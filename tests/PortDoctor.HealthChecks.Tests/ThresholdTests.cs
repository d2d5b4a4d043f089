using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PortDoctor.HealthChecks.Tests;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData(0, HealthStatus.Healthy)]
    [InlineData(69, HealthStatus.Healthy)]
    [InlineData(70, HealthStatus.Degraded)]
    [InlineData(89, HealthStatus.Degraded)]
    [InlineData(90, HealthStatus.Unhealthy)]
    [InlineData(100, HealthStatus.Unhealthy)]
    public void The_status_follows_the_default_thresholds_of_the_worst_destination(int connections, HealthStatus expected)
    {
        var snapshot = new Snapshots().Outbound(connections, "10.0.0.7", 5432, pid: 42, name: "api").Build();

        var result = Probes.Judge(snapshot);

        Assert.Equal(expected, result.Status);
        Assert.Equal((double)connections, result.Data[EphemeralPortsData.UtilizationPercent]);
    }

    [Fact]
    public void The_worst_destination_counts_not_the_sum_over_destinations()
    {
        // 50 + 50 connections toward two destinations: Linux reuses local ports per destination, so each is at 50%.
        var snapshot = new Snapshots().Outbound(50, "10.0.0.7", 5432, 42).Outbound(50, "10.0.0.8", 443, 42).Build();

        var result = Probes.Judge(snapshot);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(50.0, result.Data[EphemeralPortsData.UtilizationPercent]);
        Assert.Contains("-> 10.0.0.", (string)result.Data[EphemeralPortsData.Scope], StringComparison.Ordinal);
    }

    [Fact]
    public void Bound_ports_fill_the_global_pool_for_every_destination()
    {
        var snapshot = new Snapshots().Bound(75, pid: 7).Build();

        var result = Probes.Judge(snapshot);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("global", result.Data[EphemeralPortsData.Scope]);
        Assert.Equal(75, result.Data[EphemeralPortsData.PortsInUse]);
        Assert.Equal(100, result.Data[EphemeralPortsData.Capacity]);
        Assert.Equal("tcp 40000-40099", result.Data[EphemeralPortsData.WorstPool]);
    }

    [Fact]
    public void Thresholds_and_failure_status_are_the_callers()
    {
        var snapshot = new Snapshots().Outbound(60, "10.0.0.7", 5432, 42).Build();

        Assert.Equal(HealthStatus.Degraded, Probes.Judge(snapshot, o => (o.DegradedPercent, o.UnhealthyPercent) = (50, 80)).Status);
        var failed = Probes.Judge(snapshot, o => (o.DegradedPercent, o.UnhealthyPercent) = (40, 55), HealthStatus.Degraded);
        Assert.Equal(HealthStatus.Degraded, failed.Status);
        Assert.Contains("Degraded from 55%", failed.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 90, 10)]
    [InlineData(80, 70, 10)]
    [InlineData(70, 101, 10)]
    [InlineData(70, 90, 9.9)]
    public void Options_that_cannot_work_are_refused_at_registration(double degraded, double unhealthy, double cacheSeconds)
    {
        var builder = new ServiceCollectionBuilder();

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Checks.AddEphemeralPorts(o =>
        {
            o.DegradedPercent = degraded;
            o.UnhealthyPercent = unhealthy;
            o.CacheDuration = TimeSpan.FromSeconds(cacheSeconds);
        }));
    }
}
