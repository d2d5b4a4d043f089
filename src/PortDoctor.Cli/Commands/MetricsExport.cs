using System.Net;
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

    public static MetricsExport Start(CliEnvironment env, IPEndPoint? endPoint)
    {
        if (endPoint is null)
        {
            return new MetricsExport(null, null);
        }

        var metrics = new MonitorMetrics(ToolVersion.Current, env.Host.Os);
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
