using System.Net;
using PortDoctor.Core.Trends.Forecasting;
using PortDoctor.History;
using PortDoctor.Monitoring;
using PortDoctor.Monitoring.Exporter;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `monitor --metrics`: the exported metrics and their listener, bound when the monitor starts and
/// closed when it stops; without the option, recording does nothing. With `--all-netns` the metrics
/// are one set per namespace (<see cref="NamespaceMetrics"/>), recorded by namespace label.
/// </summary>
internal sealed class MetricsExport : IAsyncDisposable
{
    private readonly MonitorMetrics? _metrics;
    private readonly NamespaceMetrics? _namespaces;
    private readonly MetricsListener? _listener;

    private MetricsExport(MonitorMetrics? metrics, NamespaceMetrics? namespaces, MetricsListener? listener)
    {
        _metrics = metrics;
        _namespaces = namespaces;
        _listener = listener;
    }

    public static MetricsExport Start(CliEnvironment env, IPEndPoint? endPoint, ForecastOptions forecast, bool perNamespace = false)
    {
        if (endPoint is null)
        {
            return new MetricsExport(null, null, null);
        }

        var metrics = perNamespace ? null : new MonitorMetrics(ToolVersion.Current, env.Host.Os, forecast);
        var namespaces = perNamespace ? new NamespaceMetrics(ToolVersion.Current, env.Host.Os, forecast) : null;
        try
        {
            var listener = MetricsListener.Start(endPoint, metrics is not null ? metrics.WriteAsync : namespaces!.WriteAsync);
            env.Error.WriteLine($"portdoctor: serving Prometheus metrics on http://{MetricsListener.Display(listener.EndPoint)}/metrics");
            return new MetricsExport(metrics, namespaces, listener);
        }
        catch
        {
            metrics?.Dispose();
            namespaces?.Dispose();
            throw;
        }
    }

    /// <summary>The forecast starts from the history file's recent samples, so a restarted monitor keeps the trend.</summary>
    public void Seed(HistoryStore store, TimeSpan interval, DateTimeOffset now)
    {
        if (_metrics is not null || _namespaces is not null)
        {
            var recent = store.Query(now - ForecastMetrics.Span(interval), now);
            _metrics?.Forecasts.Seed(recent);
            _namespaces?.Seed(recent);
        }
    }

    public void Record(SampleOutcome outcome) => _metrics?.Record(outcome);

    /// <summary>One namespace's outcome (`--all-netns`).</summary>
    public void Record(string netns, SampleOutcome outcome) => _namespaces?.Record(netns, outcome);

    /// <summary>A namespace that is gone (`--all-netns`): its series are withdrawn.</summary>
    public void Forget(string netns) => _namespaces?.Forget(netns);

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        _metrics?.Dispose();
        _namespaces?.Dispose();
    }
}
