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

    private readonly SemaphoreSlim _gate;
    private readonly bool _ownsGate;
    private readonly CollectorRegistry _registry;
    private readonly string[] _scope;
    private bool _initialised;
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
        : this(Metrics.NewCustomRegistry(), new SemaphoreSlim(1), version, os, forecast, netns: null)
    {
        _ownsGate = true;
    }

    /// <summary>
    /// One namespace's metrics in a registry shared with the others (`monitor --all-netns`): every
    /// series gets a leading `netns` label (host_info has it already), and the gate is the registry's.
    /// </summary>
    internal MonitorMetrics(CollectorRegistry registry, SemaphoreSlim gate, string version, OsKind os, ForecastOptions? forecast, string? netns)
    {
        _registry = registry;
        _gate = gate;
        _scope = netns is null ? [] : [netns];
        string[] scope = netns is null ? [] : ["netns"];
        var factory = Metrics.WithCustomRegistry(_registry);
        string[] pool = [.. scope, .. PoolLabels.Names];
        _capacity = factory.CreateGauge("portdoctor_ephemeral_ports_capacity", "Ports of the dynamic (ephemeral) range the pool can hand out: the range minus reserved and excluded ports.", pool);
        _inUse = factory.CreateGauge("portdoctor_ephemeral_ports_in_use", "Ports of the pool unavailable to the next outbound connect, counted as diagnose does (Linux TCP: held exclusively plus the worst destination's).", pool);
        _utilization = factory.CreateGauge("portdoctor_ephemeral_ports_utilization_ratio", "Ports in use over capacity, 0 to 1 (1 when the capacity is 0).", pool);
        _sockets = factory.CreateGauge("portdoctor_sockets", "Sockets whose local port is in the pool's range, by state (BOUND: bound, neither listening nor connected).", [.. pool, "state"]);
        _destinations = factory.CreateGauge("portdoctor_destination_ports_in_use", $"Local ports used from one local address toward one remote endpoint, for the {TopDestinations} worst destinations (Linux).", [.. pool, "local_address", "remote"]);
        _processes = factory.CreateGauge("portdoctor_process_ports", $"Ephemeral ports held by a process (TIME_WAIT attributed), for the {TopProcesses} processes holding the most.", [.. scope, "pid", "process"]);
        _hostInfo = factory.CreateGauge("portdoctor_host_info", "The host and network namespace the monitor samples (value 1).", netns is null ? ["hostname", "netns"] : ["netns", "hostname"]);
        _duration = factory.CreateGauge("portdoctor_sample_duration_seconds", "Wall-clock time the last sample took.", scope);
        _cpu = factory.CreateGauge("portdoctor_sample_cpu_seconds", "CPU time the last sample took.", scope);
        _lastSample = factory.CreateGauge("portdoctor_last_sample_timestamp_seconds", "Unix time of the last successful sample.", scope);
        _samples = factory.CreateCounter("portdoctor_samples_total", "Samples taken, by result (ok, failed).", [.. scope, "result"]);
        _probes = factory.CreateCounter("portdoctor_probes_total", "Samples whose outbound probe ran.", scope);
        _probeFailures = factory.CreateCounter("portdoctor_probe_failures_total", "Samples whose outbound probe failed, by error (address-unavailable is exhaustion).", [.. scope, "error"]);
        _events = factory.CreateCounter("portdoctor_tcpip_exhaustion_events_total", "Windows Tcpip 4227 and 4231 events (port exhaustion) seen since the monitor started.", scope);
        factory.CreateGauge("portdoctor_build_info", "The portdoctor build (value 1).", "version", "os").WithLabels(version, os.ToString().ToLowerInvariant()).Set(1);
        Forecasts = new ForecastMetrics(factory, forecast ?? ForecastOptions.Default, scope, _scope);
        Initialise();
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
            Take(outcome);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary><see cref="Record"/> for a caller that holds the gate already.</summary>
    internal void Take(SampleOutcome outcome)
    {
        if (!_initialised)
        {
            Initialise();
        }

        Child(_samples, outcome.Succeeded ? "ok" : "failed").Inc();
        if (outcome.Sample is { } sample && outcome.Succeeded)
        {
            Apply(sample);
            Forecasts.Apply(sample);
        }
    }

    /// <summary>Removes this namespace's series (it left the exported set); the caller holds the gate.</summary>
    internal void Withdraw()
    {
        foreach (var gauge in new[] { _capacity, _inUse, _utilization, _sockets, _destinations, _processes, _hostInfo, _duration, _cpu, _lastSample })
        {
            MetricSeries.Withdraw(gauge, _scope);
        }

        foreach (var counter in new[] { _samples, _probes, _probeFailures, _events })
        {
            MetricSeries.Withdraw(counter, _scope);
        }

        Forecasts.Withdraw();
        _initialised = false;
    }

    /// <summary>The Prometheus text exposition of the last sample.</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) => WriteAsync(_registry, _gate, destination, cancellationToken);

    /// <summary>A registry's exposition, under the gate its updates take.</summary>
    internal static async Task WriteAsync(CollectorRegistry registry, SemaphoreSlim gate, Stream destination, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await registry.CollectAndExportAsTextAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        if (_ownsGate)
        {
            _gate.Dispose();
        }
    }

    private void Apply(HostSample sample)
    {
        MetricSeries.Replace(_capacity, _scope, sample.Pools.Select(p => (PoolLabels.Of(p), (double)p.Capacity)));
        MetricSeries.Replace(_inUse, _scope, sample.Pools.Select(p => (PoolLabels.Of(p), (double)p.PortsInUse)));
        MetricSeries.Replace(_utilization, _scope, sample.Pools.Select(p => (PoolLabels.Of(p), p.Capacity == 0 ? 1.0 : (double)p.PortsInUse / p.Capacity)));
        MetricSeries.Replace(_sockets, _scope, sample.Pools.SelectMany(States));
        MetricSeries.Replace(_destinations, _scope, sample.Pools
            .SelectMany(p => p.WorstDestinations.Select(d => (Pool: p, Destination: d)))
            .OrderByDescending(x => x.Destination.Ports)
            .Take(TopDestinations)
            .Select(x => (PoolLabels.With(x.Pool, x.Destination.LocalAddress, x.Destination.Remote.ToString()), (double)x.Destination.Ports)));
        MetricSeries.Replace(_processes, _scope, sample.Processes
            .OrderByDescending(p => p.Ports)
            .Take(TopProcesses)
            .Select(p => (new[] { p.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Name }, (double)p.Ports)));
        string[] host = _scope.Length == 0 ? [sample.Host, sample.Namespace] : [sample.Host];
        MetricSeries.Replace(_hostInfo, _scope, [(host, 1.0)]);
        if (sample.Probe is { } probe)
        {
            Child(_probes).Inc();
            if (probe.Outcome != ProbeOutcome.Succeeded)
            {
                Child(_probeFailures, probe.Outcome.ToName()).Inc();
            }
        }

        Child(_events).Inc(Math.Max(0, sample.EventsSinceLast));
        Child(_duration).Set(sample.Cost.Duration.TotalSeconds);
        Child(_cpu).Set(sample.Cost.Cpu.TotalSeconds);
        Child(_lastSample).Set(sample.Time.ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>The counters every exposition carries from the start (zero until counted), so a rate never misses its first increase.</summary>
    private void Initialise()
    {
        _initialised = true;
        Child(_samples, "ok");
        Child(_samples, "failed");
        foreach (var failure in Failures)
        {
            Child(_probeFailures, failure.ToName());
        }
    }

    /// <summary>This exporter's series of a family: its scope's labels first, then <paramref name="labels"/>.</summary>
    private ICounter Child(Counter counter, params string[] labels) =>
        _scope.Length == 0 && labels.Length == 0 ? counter : counter.WithLabels(Scoped(labels));

    private IGauge Child(Gauge gauge) => _scope.Length == 0 ? gauge : gauge.WithLabels(_scope);

    private string[] Scoped(string[] labels) => [.. _scope, .. labels];

    private static IEnumerable<(string[] Labels, double Value)> States(PoolSample pool)
    {
        var states = pool.Protocol == TransportProtocol.Tcp ? TcpStates : UdpStates;
        return states.Select(s => (PoolLabels.With(pool, s.ToDisplayName()), (double)pool.ByState.GetValueOrDefault(s)));
    }
}
