using System.Net;
using PortDoctor.Core.Trends.Forecasting;
using PortDoctor.History;
using PortDoctor.Monitoring;
using PortDoctor.Monitoring.Exporter;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `monitor --metrics`: the exported metrics and their listener, bound when the monitor starts and
/// closed when it stops; without the option, recording does nothing.
/// </summary>
internal sealed class MetricsExport : IAsyncDisposable
{
    private readonly MonitorMetrics? _metrics;
    private readonly MetricsListener? _listener;

    private MetricsExport(MonitorMetrics? metrics, MetricsListener? listener)
    {
        _metrics = metrics;
        _listener = listener;
    }

    public static MetricsExport Start(CliEnvironment env, IPEndPoint? endPoint, ForecastOptions forecast)
    {
        if (endPoint is null)
        {
            return new MetricsExport(null, null);
        }

        var metrics = new MonitorMetrics(ToolVersion.Current, env.Host.Os, forecast);
        try
        {
            var listener = MetricsListener.Start(endPoint, metrics.WriteAsync);
            env.Error.WriteLine($"portdoctor: serving Prometheus metrics on http://{MetricsListener.Display(listener.EndPoint)}/metrics");
            return new MetricsExport(metrics, listener);
        }
        catch
        {
            metrics.Dispose();
            throw;
        }
    }

    /// <summary>The forecast starts from the history file's recent samples, so a restarted monitor keeps the trend.</summary>
    public void Seed(HistoryStore store, TimeSpan interval, DateTimeOffset now)
    {
        if (_metrics is not null)
        {
            _metrics.Forecasts.Seed(store.Query(now - ForecastMetrics.Span(interval), now));
        }
    }

    public void Record(SampleOutcome outcome) => _metrics?.Record(outcome);

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        _metrics?.Dispose();
    }
}
