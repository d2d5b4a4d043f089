using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Core.Trends.Forecasting;
using Prometheus;

namespace PortDoctor.Monitoring.Exporter;

/// <summary>
/// What `monitor --metrics` exports (prometheus-net on a registry of its own, so no runtime or
/// process metrics ride along): the last sample's pools, states, worst destinations and top
/// processes, counters of probe failures and exhaustion events, the sample's cost, build info, and
/// the exhaustion forecast (<see cref="ForecastMetrics"/>). Updated after each sample, rendered per
/// scrape; one lock keeps a scrape from seeing half a sample. Series are bounded by construction
/// (<see cref="MaxSeries"/>): pools and states are fixed sets, destinations and processes top N.
/// </summary>
public sealed class MonitorMetrics : IDisposable
{
    public const int TopProcesses = 10;

    public const int TopDestinations = 10;

    /// <summary>TCP states exported per TCP pool (zero included), UDP ones per UDP pool: fixed sets, so sums never lose a series.</summary>
    internal static readonly SocketState[] TcpStates =
    [
        SocketState.Established, SocketState.SynSent, SocketState.SynReceived, SocketState.FinWait1, SocketState.FinWait2,
        SocketState.TimeWait, SocketState.Closed, SocketState.CloseWait, SocketState.LastAck, SocketState.Listen,
        SocketState.Closing, SocketState.Bound, SocketState.DeleteTcb,
    ];

    internal static readonly SocketState[] UdpStates = [SocketState.Unconnected, SocketState.Established];

    private static readonly ProbeOutcome[] Failures = [.. Enum.GetValues<ProbeOutcome>().Where(o => o != ProbeOutcome.Succeeded)];

    private readonly SemaphoreSlim _gate = new(1);
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly Gauge _capacity;
    private readonly Gauge _inUse;
    private readonly Gauge _utilization;
    private readonly Gauge _sockets;
    private readonly Gauge _destinations;
    private readonly Gauge _processes;
    private readonly Gauge _hostInfo;
    private readonly Gauge _duration;
    private readonly Gauge _cpu;
    private readonly Gauge _lastSample;
    private readonly Counter _samples;
    private readonly Counter _probes;
    private readonly Counter _probeFailures;
    private readonly Counter _events;

    public MonitorMetrics(string version, OsKind os, ForecastOptions? forecast = null)
    {
        var factory = Metrics.WithCustomRegistry(_registry);
        var pool = PoolLabels.Names;
        _capacity = factory.CreateGauge("portdoctor_ephemeral_ports_capacity", "Ports of the dynamic (ephemeral) range the pool can hand out: the range minus reserved and excluded ports.", pool);
        _inUse = factory.CreateGauge("portdoctor_ephemeral_ports_in_use", "Ports of the pool unavailable to the next outbound connect, counted as diagnose does (Linux TCP: held exclusively plus the worst destination's).", pool);
        _utilization = factory.CreateGauge("portdoctor_ephemeral_ports_utilization_ratio", "Ports in use over capacity, 0 to 1 (1 when the capacity is 0).", pool);
        _sockets = factory.CreateGauge("portdoctor_sockets", "Sockets whose local port is in the pool's range, by state (BOUND: bound, neither listening nor connected).", [.. pool, "state"]);
        _destinations = factory.CreateGauge("portdoctor_destination_ports_in_use", $"Local ports used from one local address toward one remote endpoint, for the {TopDestinations} worst destinations (Linux).", [.. pool, "local_address", "remote"]);
        _processes = factory.CreateGauge("portdoctor_process_ports", $"Ephemeral ports held by a process (TIME_WAIT attributed), for the {TopProcesses} processes holding the most.", "pid", "process");
        _hostInfo = factory.CreateGauge("portdoctor_host_info", "The host and network namespace the monitor samples (value 1).", "hostname", "netns");
        _duration = factory.CreateGauge("portdoctor_sample_duration_seconds", "Wall-clock time the last sample took.");
        _cpu = factory.CreateGauge("portdoctor_sample_cpu_seconds", "CPU time the last sample took.");
        _lastSample = factory.CreateGauge("portdoctor_last_sample_timestamp_seconds", "Unix time of the last successful sample.");
        _samples = factory.CreateCounter("portdoctor_samples_total", "Samples taken, by result (ok, failed).", "result");
        _probes = factory.CreateCounter("portdoctor_probes_total", "Samples whose outbound probe ran.");
        _probeFailures = factory.CreateCounter("portdoctor_probe_failures_total", "Samples whose outbound probe failed, by error (address-unavailable is exhaustion).", "error");
        _events = factory.CreateCounter("portdoctor_tcpip_exhaustion_events_total", "Windows Tcpip 4227 and 4231 events (port exhaustion) seen since the monitor started.");
        factory.CreateGauge("portdoctor_build_info", "The portdoctor build (value 1).", "version", "os").WithLabels(version, os.ToString().ToLowerInvariant()).Set(1);
        Forecasts = new ForecastMetrics(factory, forecast ?? ForecastOptions.Default);
        _samples.WithLabels("ok");
        _samples.WithLabels("failed");
        foreach (var failure in Failures)
        {
            _probeFailures.WithLabels(failure.ToName());
        }
    }

    /// <summary>The most series one exposition can hold, whatever the host: what docs/cli.md states.</summary>
    /// <remarks>
    /// Build and host info, sample duration, CPU and time, probes: 6; samples by result: 2; probe
    /// failures by error; events: 1; per pool (at most 4: TCP and UDP per family on Windows)
    /// capacity, in use and utilization; states per pool; top destinations and processes; the forecast.
    /// </remarks>
    public static int MaxSeries => 6 + 2 + Failures.Length + 1
        + (4 * 3) + (2 * TcpStates.Length) + (2 * UdpStates.Length) + TopDestinations + TopProcesses + ForecastMetrics.MaxSeries;

    public ForecastMetrics Forecasts { get; }

    /// <summary>Takes in one interval's outcome (a failed one only counts).</summary>
    public void Record(SampleOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _gate.Wait();
        try
        {
            _samples.WithLabels(outcome.Succeeded ? "ok" : "failed").Inc();
            if (outcome.Sample is { } sample && outcome.Succeeded)
            {
                Apply(sample);
                Forecasts.Apply(sample);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The Prometheus text exposition of the last sample.</summary>
    public async Task WriteAsync(Stream destination, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _registry.CollectAndExportAsTextAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private void Apply(HostSample sample)
    {
        MetricSeries.Replace(_capacity, sample.Pools.Select(p => (PoolLabels.Of(p), (double)p.Capacity)));
        MetricSeries.Replace(_inUse, sample.Pools.Select(p => (PoolLabels.Of(p), (double)p.PortsInUse)));
        MetricSeries.Replace(_utilization, sample.Pools.Select(p => (PoolLabels.Of(p), p.Capacity == 0 ? 1.0 : (double)p.PortsInUse / p.Capacity)));
        MetricSeries.Replace(_sockets, sample.Pools.SelectMany(States));
        MetricSeries.Replace(_destinations, sample.Pools
            .SelectMany(p => p.WorstDestinations.Select(d => (Pool: p, Destination: d)))
            .OrderByDescending(x => x.Destination.Ports)
            .Take(TopDestinations)
            .Select(x => (PoolLabels.With(x.Pool, x.Destination.LocalAddress, x.Destination.Remote.ToString()), (double)x.Destination.Ports)));
        MetricSeries.Replace(_processes, sample.Processes
            .OrderByDescending(p => p.Ports)
            .Take(TopProcesses)
            .Select(p => (new[] { p.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Name }, (double)p.Ports)));
        MetricSeries.Replace(_hostInfo, [([sample.Host, sample.Namespace], 1.0)]);
        if (sample.Probe is { } probe)
        {
            _probes.Inc();
            if (probe.Outcome != ProbeOutcome.Succeeded)
            {
                _probeFailures.WithLabels(probe.Outcome.ToName()).Inc();
            }
        }

        _events.Inc(Math.Max(0, sample.EventsSinceLast));
        _duration.Set(sample.Cost.Duration.TotalSeconds);
        _cpu.Set(sample.Cost.Cpu.TotalSeconds);
        _lastSample.Set(sample.Time.ToUnixTimeMilliseconds() / 1000.0);
    }

    private static IEnumerable<(string[] Labels, double Value)> States(PoolSample pool)
    {
        var states = pool.Protocol == TransportProtocol.Tcp ? TcpStates : UdpStates;
        return states.Select(s => (PoolLabels.With(pool, s.ToDisplayName()), (double)pool.ByState.GetValueOrDefault(s)));
    }
}
