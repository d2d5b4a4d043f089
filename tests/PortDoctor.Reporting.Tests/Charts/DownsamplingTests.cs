using PortDoctor.Reporting.Charts;
using Xunit;

namespace PortDoctor.Reporting.Tests.Charts;

public class DownsamplingTests
{
    private static readonly DateTimeOffset T0 = SyntheticReport.Start;

    [Fact]
    public void Min_max_keeps_every_spike_and_dip_in_at_most_two_points_per_bucket_in_time_order()
    {
        var points = Enumerable.Range(0, 10_080).Select(i => new ChartPoint(T0.AddMinutes(i), i switch
        {
            5_000 => 99,
            7_001 => 0,
            _ => 40 + (i % 3),
        })).ToList();

        var drawn = Downsampling.MinMax(points, 500);

        Assert.True(drawn.Count <= 1000, $"{drawn.Count} points");
        Assert.Contains(points[5_000], drawn);
        Assert.Contains(points[7_001], drawn);
        Assert.Equal(drawn.OrderBy(p => p.Time), drawn);
        Assert.Equal(points[0].Time, drawn[0].Time);
    }

    [Fact]
    public void Min_max_leaves_a_short_series_as_it_is()
    {
        var points = Enumerable.Range(0, 100).Select(i => new ChartPoint(T0.AddMinutes(i), i)).ToList();

        Assert.Same(points, Downsampling.MinMax(points, 500));
    }

    [Fact]
    public void Means_put_series_on_one_axis_with_zero_where_one_has_no_point()
    {
        var a = new NamedSeries("a", [new(T0, 10), new(T0.AddMinutes(1), 20)]);
        var b = new NamedSeries("b", [new(T0.AddMinutes(1), 5), new(T0.AddMinutes(2), 7)]);

        var grid = Downsampling.Means([a, b], 100);

        Assert.Equal([T0, T0.AddMinutes(1), T0.AddMinutes(2)], grid.Times);
        Assert.Equal([10, 20, 0], grid.Values[0]);
        Assert.Equal([0, 5, 7], grid.Values[1]);
    }

    [Fact]
    public void Means_over_buckets_average_and_leave_out_buckets_nobody_sampled()
    {
        // Two hours of samples with the second half of the first hour missing (the monitor stopped).
        var times = Enumerable.Range(0, 120).Where(i => i is < 30 or >= 60).Select(i => T0.AddMinutes(i));
        var series = new NamedSeries("a", times.Select(t => new ChartPoint(t, (t - T0).TotalMinutes)).ToList());

        var grid = Downsampling.Means([series], 4);

        Assert.Equal(3, grid.Times.Length);
        Assert.Equal(14.5, grid.Values[0][0], 6);
        Assert.All(grid.Times, t => Assert.True(t > T0 && t < T0.AddHours(2)));
    }
}
