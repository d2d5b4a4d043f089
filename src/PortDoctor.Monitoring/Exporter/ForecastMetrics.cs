using PortDoctor.Core.Trends;
using PortDoctor.Core.Trends.Forecasting;
using Prometheus;

namespace PortDoctor.Monitoring.Exporter;

/// <summary>
/// The exhaustion forecast per pool (Core's <see cref="Forecaster"/> over <see cref="PoolWindow"/>):
/// the ETA and its band in seconds from the last sample, exported only while there is a forecast;
/// <c>portdoctor_forecast_info{status}</c> always says which (ok, or why none: window-too-short,
/// not-growing, plateau, daily-cycle, sawtooth, ...), so a missing ETA is never read as "safe".
/// </summary>
public sealed class ForecastMetrics
{
    /// <summary>ETA, its two edges and the status, for at most 4 pools.</summary>
    public const int MaxSeries = 4 * 4;

    private readonly PoolWindow _window = new();
    private readonly ForecastOptions _options;
    private readonly Gauge _eta;
    private readonly Gauge _lower;
    private readonly Gauge _upper;
    private readonly Gauge _info;
    private readonly string[] _scope;

    /// <param name="scope">Leading label values (the namespace under `--all-netns`); its names come first in <paramref name="scopeNames"/>.</param>
    internal ForecastMetrics(MetricFactory factory, ForecastOptions options, string[] scopeNames, string[] scope)
    {
        _options = options;
        _scope = scope;
        string[] pool = [.. scopeNames, .. PoolLabels.Names];
        _eta = factory.CreateGauge("portdoctor_exhaustion_eta_seconds", "Forecast time until the pool is full, from the last sample (only while there is a forecast).", pool);
        _lower = factory.CreateGauge("portdoctor_exhaustion_eta_lower_seconds", "Earliest edge of the forecast's band (what the alerts use).", pool);
        _upper = factory.CreateGauge("portdoctor_exhaustion_eta_upper_seconds", "Latest edge of the forecast's band.", pool);
        _info = factory.CreateGauge("portdoctor_forecast_info", "The forecast's status per pool (value 1): ok, or why there is none.", [.. pool, "status"]);
    }

    /// <summary>How far back the window reaches at this sampling interval: what to seed it with.</summary>
    public static TimeSpan Span(TimeSpan interval) => interval * PoolWindow.MaxSamples;

    /// <summary>Earlier samples (from the history file) the window starts with; no metric changes.</summary>
    public void Seed(IEnumerable<HostSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        foreach (var sample in samples.OrderBy(s => s.Time))
        {
            foreach (var pool in sample.Pools)
            {
                _window.Add(pool, sample.Time);
            }
        }
    }

    internal void Apply(HostSample sample)
    {
        var results = sample.Pools.Select(p => (Pool: p, Result: Forecaster.Forecast(_window.Add(p, sample.Time), p.Capacity, _options))).ToList();
        var forecasts = results.Where(r => r.Result.Forecast is not null).Select(r => (Labels: PoolLabels.Of(r.Pool), Forecast: r.Result.Forecast!)).ToList();
        MetricSeries.Replace(_eta, _scope, forecasts.Select(f => (f.Labels, f.Forecast.EtaSeconds)));
        MetricSeries.Replace(_lower, _scope, forecasts.Select(f => (f.Labels, f.Forecast.EtaLowSeconds)));
        MetricSeries.Replace(_upper, _scope, forecasts.Select(f => (f.Labels, f.Forecast.EtaHighSeconds)));
        MetricSeries.Replace(_info, _scope, results.Select(r => (PoolLabels.With(r.Pool, r.Result.Forecast is null ? r.Result.Reason.ToName() : "ok"), 1.0)));
    }

    internal void Withdraw()
    {
        foreach (var gauge in new[] { _eta, _lower, _upper, _info })
        {
            MetricSeries.Withdraw(gauge, _scope);
        }
    }
}
