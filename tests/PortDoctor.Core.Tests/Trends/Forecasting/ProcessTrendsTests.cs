using PortDoctor.Core.Trends.Forecasting;
using Xunit;

namespace PortDoctor.Core.Tests.Trends.Forecasting;

/// <summary>The one-pass grouping of process points into per-name series (what `report` runs over 864,000 points).</summary>
public sealed class ProcessTrendsTests
{
    private static readonly DateTimeOffset T0 = SyntheticSeries.Start;

    [Fact]
    public void Points_in_any_order_give_the_same_trends_as_points_in_time_order()
    {
        var points = Points();
        var shuffled = points.OrderBy(p => (p.Time.Ticks * 7919) % 1013).ThenBy(p => p.Pid).ToList();

        var ordered = ProcessTrends.Analyze(points, 28_232);
        var unordered = ProcessTrends.Analyze(shuffled, 28_232);

        Assert.Equal(Describe(ordered), Describe(unordered));
        Assert.Equal(["java", "nginx"], ordered.Select(t => t.Name));
    }

    [Fact]
    public void Two_pids_of_one_name_at_once_are_summed_and_a_change_of_start_time_is_a_restart()
    {
        var trends = ProcessTrends.Analyze(Points(), 28_232);

        var java = trends[0];
        // From minute 60 a second java (pid 300) joins with 40 ports: summed, and its arrival is one restart point.
        Assert.Equal((200, 10 * 100 + 40), (java.Pid, java.PortsLatest));
        var restarts = java.Forecast.ChangePoints.Where(c => c.Kind == ChangeKind.Restart).ToList();
        Assert.Equal(2, restarts.Count);
        Assert.Equal(T0.AddMinutes(30), restarts[0].Time);
        Assert.Equal("pid 200 started 2026-03-09 06:00:00Z -> pid 200 started 2026-03-09 06:30:00Z", restarts[0].Detail);
        Assert.Equal(T0.AddMinutes(60), restarts[1].Time);
        Assert.Equal(
            "pid 200 started 2026-03-09 06:30:00Z -> pid 200 started 2026-03-09 06:30:00Z,pid 300",
            restarts[1].Detail);
        Assert.Equal(TrendShape.Flat, trends[1].Shape);
    }

    /// <summary>java: pid 200 leaking 10 a minute, restarted at minute 30 (same PID, new start time), joined by pid 300 at minute 60; nginx flat.</summary>
    private static List<ProcessPoint> Points()
    {
        var points = new List<ProcessPoint>();
        for (var m = 0; m <= 100; m++)
        {
            var start = m < 30 ? T0 : T0.AddMinutes(30);
            points.Add(new ProcessPoint(T0.AddMinutes(m), 200, start, "java", 10 * m));
            if (m >= 60)
            {
                points.Add(new ProcessPoint(T0.AddMinutes(m), 300, null, "java", 40));
            }

            points.Add(new ProcessPoint(T0.AddMinutes(m), 7, null, "nginx", 300 + (m % 3)));
        }

        return points;
    }

    private static List<string> Describe(IReadOnlyList<ProcessTrend> trends) =>
        [.. trends.Select(t => $"{t.Pid} {t.Name} {t.PortsLatest} {t.GrowthPerHour} {t.Shape} {t.Forecast.Reason} {t.Forecast.Detail} "
            + string.Join("; ", t.Forecast.ChangePoints.Select(c => $"{c.Time:u} {c.Kind} {c.Detail}")))];
}
