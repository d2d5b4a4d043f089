using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Core.Trends.Forecasting;
using Prometheus;

namespace PortDoctor.Monitoring.Exporter;

/// <summary>
/// `monitor --all-netns --metrics`: one <see cref="MonitorMetrics"/> per network namespace in one
/// registry, every series labelled `netns`. Bounded: only the <see cref="MaxNamespaces"/> worst
/// namespaces (fullest pool of their last good sample) are exported; the others are still sampled
/// (their forecasts keep learning) and counted in `portdoctor_netns_unexported`. One gate for the
/// registry, so a scrape never sees half a sample or a namespace between ranks.
/// </summary>
public sealed class NamespaceMetrics : IDisposable
{
    public const int MaxNamespaces = 10;

    private readonly SemaphoreSlim _gate = new(1);
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly Dictionary<string, Entry> _byLabel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<HostSample>> _seeds = new(StringComparer.Ordinal);
    private readonly Gauge _unexported;
    private readonly string _version;
    private readonly OsKind _os;
    private readonly ForecastOptions? _forecast;

    public NamespaceMetrics(string version, OsKind os, ForecastOptions? forecast = null)
    {
        _version = version;
        _os = os;
        _forecast = forecast;
        _unexported = Metrics.WithCustomRegistry(_registry).CreateGauge(
            "portdoctor_netns_unexported", $"Network namespaces sampled but not exported: only the {MaxNamespaces} with the fullest pool are.");
        _unexported.Set(0);
    }

    /// <summary>
    /// The most series one exposition holds: build info and the unexported count, plus per exported
    /// namespace what one host has (<see cref="MonitorMetrics.MaxSeries"/>) but the build info.
    /// </summary>
    public static int MaxSeries => 2 + (MaxNamespaces * (MonitorMetrics.MaxSeries - 1));

    /// <summary>Earlier samples (from the history file) each namespace's forecast starts with, by the sample's namespace label.</summary>
    public void Seed(IEnumerable<HostSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        foreach (var group in samples.GroupBy(s => s.Namespace, StringComparer.Ordinal))
        {
            _seeds[group.Key] = [.. group];
        }
    }

    /// <summary>Takes in one namespace's outcome, then ranks the namespaces again.</summary>
    public void Record(string netns, SampleOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _gate.Wait();
        try
        {
            if (!_byLabel.TryGetValue(netns, out var entry))
            {
                entry = new Entry(new MonitorMetrics(_registry, _gate, _version, _os, _forecast, netns));
                if (_seeds.Remove(netns, out var seed))
                {
                    entry.Metrics.Forecasts.Seed(seed);
                }

                _byLabel[netns] = entry;
            }

            if (outcome.Succeeded && outcome.Sample is { } sample)
            {
                entry.Worst = sample.Pools.Select(p => p.Capacity == 0 ? 1.0 : (double)p.PortsInUse / p.Capacity).DefaultIfEmpty(0).Max();
            }

            // Always taken in, so a namespace that climbs into the exported set comes with its forecast window.
            entry.Metrics.Take(outcome);
            entry.Exported = true;
            Rank();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A namespace that is gone: its series go with it.</summary>
    public void Forget(string netns)
    {
        _gate.Wait();
        try
        {
            if (_byLabel.Remove(netns, out var entry))
            {
                entry.Metrics.Withdraw();
                Rank();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) =>
        MonitorMetrics.WriteAsync(_registry, _gate, destination, cancellationToken);

    public void Dispose() => _gate.Dispose();

    /// <summary>Withdraws every namespace past the first <see cref="MaxNamespaces"/>, worst first (ties by label).</summary>
    private void Rank()
    {
        var ranked = _byLabel.OrderByDescending(e => e.Value.Worst).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value).ToList();
        foreach (var entry in ranked.Skip(MaxNamespaces).Where(e => e.Exported))
        {
            entry.Metrics.Withdraw();
            entry.Exported = false;
        }

        _unexported.Set(Math.Max(0, ranked.Count - MaxNamespaces));
    }

    private sealed class Entry(MonitorMetrics metrics)
    {
        public MonitorMetrics Metrics { get; } = metrics;

        public double Worst { get; set; }

        public bool Exported { get; set; }
    }
}
