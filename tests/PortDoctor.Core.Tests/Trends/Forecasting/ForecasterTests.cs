using PortDoctor.Core.Trends.Forecasting;
using Xunit;

namespace PortDoctor.Core.Tests.Trends.Forecasting;

public sealed class ForecasterTests
{
    private static readonly DateTimeOffset T0 = SyntheticSeries.Start;

    [Fact]
    public void An_empty_series_has_no_forecast_and_says_so()
    {
        var result = Forecaster.Forecast([], 1000);
        Assert.Null(result.Forecast);
        Assert.Equal(NoForecastReason.NoSamples, result.Reason);
    }

    [Fact]
    public void Twenty_minutes_is_too_short_and_the_detail_says_what_is_needed()
    {
        var result = Forecaster.Forecast(Line(minutes: 20, start: 1000, perMinute: 10), 10_000);
        Assert.Equal(NoForecastReason.WindowTooShort, result.Reason);
        Assert.Contains("needs 30 min and 20 samples", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_line_gives_the_exact_eta_from_the_last_sample_and_its_basis()
    {
        // 1000 + 10/min for 60 min = 1600 at the end; 8400 left at 600/h = 14 h.
        var result = Forecaster.Forecast(Line(minutes: 60, start: 1000, perMinute: 10), 10_000);
        var forecast = Assert.IsType<Forecast>(result.Forecast);
        Assert.Equal(14 * 3600, forecast.EtaSeconds, 1);
        Assert.Equal(600, forecast.RatePerHour, 3);
        Assert.True(forecast.EtaLowSeconds <= forecast.EtaSeconds && forecast.EtaSeconds <= forecast.EtaHighSeconds);
        Assert.Equal(Forecaster.Method, forecast.Method);
        Assert.Equal(T0, forecast.WindowStart);
        Assert.StartsWith("+600 ports/h since 06:00 UTC, R² 1.00, full in 14 h (", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Steady_time_wait_counts_against_capacity_but_is_not_extrapolated()
    {
        // Owned grows 600/h to 1600; 3000 TIME_WAIT held steady: 10000 - 1600 - 3000 = 5400 left = 9 h.
        var samples = Line(minutes: 60, start: 1000, perMinute: 10).Select(s => s with { Ports = s.Ports + 3000, TimeWait = 3000 }).ToList();
        var forecast = Assert.IsType<Forecast>(Forecaster.Forecast(samples, 10_000).Forecast);
        Assert.Equal(9 * 3600, forecast.EtaSeconds, 1);
        Assert.Equal(3000, forecast.TimeWaitLevel);
    }

    [Fact]
    public void A_range_change_is_a_change_point_and_the_new_capacity_counts()
    {
        var samples = Line(minutes: 120, start: 1000, perMinute: 10)
            .Select((s, i) => s with { Capacity = i < 40 ? 10_000 : 20_000 }).ToList();
        var result = Forecaster.Forecast(samples, 5);
        var change = Assert.Single(result.ChangePoints);
        Assert.Equal(ChangeKind.RangeChange, change.Kind);
        Assert.Equal(T0.AddMinutes(40), change.Time);
        var forecast = Assert.IsType<Forecast>(result.Forecast);
        Assert.Equal(20_000, forecast.Capacity);
        Assert.Equal(T0.AddMinutes(40), forecast.WindowStart);
    }

    [Fact]
    public void A_drop_starts_a_new_segment_and_only_it_is_fitted()
    {
        var before = Line(minutes: 60, start: 3000, perMinute: 30);
        var after = Line(minutes: 45, start: 500, perMinute: 10).Select(s => s with { Time = s.Time.AddMinutes(61) });
        var result = Forecaster.Forecast([.. before, .. after], 10_000);
        Assert.Equal(ChangeKind.Drop, Assert.Single(result.ChangePoints).Kind);
        var forecast = Assert.IsType<Forecast>(result.Forecast);
        Assert.Equal(600, forecast.RatePerHour, 3);
        Assert.Equal(T0.AddMinutes(61), forecast.WindowStart);
    }

    [Fact]
    public void A_flat_series_is_not_growing()
    {
        var result = Forecaster.Forecast(Line(minutes: 90, start: 5000, perMinute: 0), 10_000);
        Assert.Null(result.Forecast);
        Assert.Equal(NoForecastReason.NotGrowing, result.Reason);
    }

    [Fact]
    public void A_growing_process_under_one_percent_of_the_pool_is_growing_but_gets_no_eta()
    {
        var result = Forecaster.Forecast(Line(minutes: 60, start: 10, perMinute: 1), 28_232);
        Assert.Equal(NoForecastReason.LevelTooLow, result.Reason);
        Assert.True(result.Growing);
    }

    [Fact]
    public void A_new_pid_with_the_same_name_continues_the_series_as_a_restart()
    {
        var points = new List<ProcessPoint>();
        for (var m = 0; m <= 100; m++)
        {
            var (pid, ports) = m < 50 ? (100, 200 + 10 * m) : (230, 5 * (m - 50));
            points.Add(new ProcessPoint(T0.AddMinutes(m), pid, null, "java", ports));
            points.Add(new ProcessPoint(T0.AddMinutes(m), 7, null, "nginx", 300 + (m % 3)));
        }

        var trends = ProcessTrends.Analyze(points, 28_232);
        Assert.Equal(["java", "nginx"], trends.Select(t => t.Name));
        var java = trends[0];
        Assert.Equal((230, 250, true, 1), (java.Pid, java.PortsLatest, java.Leak, java.Restarts));
        Assert.Equal(300, java.GrowthPerHour!.Value, 3);
        Assert.Contains("pid 100 -> pid 230", java.Forecast.ChangePoints[0].Detail, StringComparison.Ordinal);
        Assert.Equal(TrendShape.Flat, trends[1].Shape);
    }

    private static List<SeriesSample> Line(int minutes, int start, int perMinute) =>
        [.. Enumerable.Range(0, minutes + 1).Select(m => new SeriesSample(T0.AddMinutes(m), start + perMinute * m))];
}
