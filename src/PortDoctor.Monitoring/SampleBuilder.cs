using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Sources;
using PortDoctor.Core.Trends;

namespace PortDoctor.Monitoring;

/// <summary>
/// Turns one observation into a <see cref="HostSample"/>: pools with their worst destinations,
/// the top processes (TIME_WAIT included, attributed from the 4-tuples earlier samples saw
/// ESTABLISHED), events and kernel counters since the previous sample, and the probe. No I/O of
/// its own: the process start times come from the function it is given.
/// </summary>
public sealed class SampleBuilder
{
    public const int DefaultTopProcesses = 20;

    /// <summary>At most this many new 4-tuples are stored per sample; the memory keeps them all.</summary>
    public const int MaxConnectionsPerSample = 4_096;

    private readonly Func<int, DateTimeOffset?> _startTime;
    private readonly int _topProcesses;
    private readonly ConnectionMemory _memory = new();

    // What came and went since the previous sample, and what the last samples worked out, kept for the next.
    private readonly SocketTurnover _turnover;
    private readonly IncrementalEphemeralAccounting _accounting;
    private readonly IncrementalTimeWaitOwners _timeWait = new();
    private readonly IncrementalProcessConsumers _consumers = new();
    private readonly IncrementalPoolStates _poolStates = new();
    private long _listing = -1; // the turnover's listing the last build went through
    private bool _midway;
    private DateTimeOffset? _previousTime;
    private IReadOnlyDictionary<string, long>? _previousCounters;

    public SampleBuilder(Func<int, DateTimeOffset?> startTime, int topProcesses = DefaultTopProcesses)
    {
        (_startTime, _topProcesses) = (startTime, topProcesses);
        _turnover = new SocketTurnover();
        _accounting = new IncrementalEphemeralAccounting(_turnover);
    }

    public ConnectionMemory Memory => _memory;

    /// <summary>
    /// The port accounting this builder keeps between samples, for a source that needs the usage before
    /// the sample (the live source's probe target): asked there first, it is not counted again here.
    /// </summary>
    public IncrementalEphemeralAccounting Accounting => _accounting;

    public HostSample Build(Observation observation, SampleCost cost)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var snapshot = observation.Snapshot;
        // The usage the source counted for this snapshot (through Accounting, in the monitor), else counted here.
        var usage = observation.Context.Usage is { } known && known.Fits(snapshot) ? known.Usage : _accounting.Compute(snapshot);
        var tcpRange = usage.FirstOrDefault(u => u.Protocol == TransportProtocol.Tcp)?.Range;
        // The 4-tuples earlier samples saw ESTABLISHED, looked up in the memory itself (not copied each sample).
        // A build that failed between the turnover and the last step left a step behind it: all start afresh.
        var comparable = _turnover.Next(snapshot.Sockets) && _turnover.Listing == _listing + 1 && !_midway;
        _listing = _turnover.Listing;
        _midway = true;
        var timeWait = _timeWait.Infer(snapshot, _turnover, comparable, tcpRange, _memory.OwnerOf, _memory.LastChanged);
        var consumers = _consumers.Compute(snapshot, usage, timeWait, _turnover, comparable);
        var states = _poolStates.Count(usage, snapshot, _turnover, comparable);
        var fresh = _memory.Remember(snapshot, _startTime, _turnover, comparable);
        _midway = false;
        var sample = new HostSample(snapshot.Time, snapshot.Host)
        {
            Namespace = snapshot.Namespace?.Label ?? "",
            Pools = [.. usage.Select((pool, p) => Pool(pool, states[p]))],
            Processes = consumers.Where(c => c.EphemeralPorts > 0).Take(_topProcesses).Select(Process).ToList(),
            Connections = fresh.Count > MaxConnectionsPerSample ? fresh.Take(MaxConnectionsPerSample).ToList() : fresh,
            EventsSinceLast = snapshot.Events.Where(e => _previousTime is not { } last || e.Time > last).Sum(e => e.Count),
            KernelCounterDeltas = Deltas(_previousCounters, observation.Context.KernelCounters),
            Probe = snapshot.Probes.FirstOrDefault(p => p.Outcome != ProbeOutcome.Succeeded) ?? snapshot.Probes.FirstOrDefault(),
            Cost = cost,
        };
        _previousTime = snapshot.Time;
        _previousCounters = observation.Context.KernelCounters ?? _previousCounters;
        return sample;
    }

    private static PoolSample Pool(EphemeralUsage usage, Dictionary<SocketState, int> states) =>
        new(usage.Protocol, usage.Family, usage.Capacity, usage.HeadlinePorts)
        {
            ByState = states,
            WorstDestinations = usage.WorstDestinations
                .Select(d => new DestinationSample(d.LocalAddress, d.Remote, d.Ports) { TimeWait = d.TimeWait })
                .ToList(),
        };

    private ProcessSample Process(ProcessConsumer consumer)
    {
        var states = consumer.EphemeralByState.ToDictionary();
        if (consumer.AttributedTimeWait > 0)
        {
            states[SocketState.TimeWait] = states.GetValueOrDefault(SocketState.TimeWait) + consumer.AttributedTimeWait;
        }

        return new ProcessSample(consumer.Pid, _startTime(consumer.Pid), consumer.Process ?? "", consumer.EphemeralPorts)
        {
            ByState = states,
            Handles = consumer.HandleCount,
            SocketFds = consumer.SocketCount,
            Destinations = consumer.TopDestinations,
        };
    }

    /// <summary>Counters that moved since the previous sample; none on the first (no baseline) or when unread.</summary>
    private static Dictionary<string, long> Deltas(IReadOnlyDictionary<string, long>? previous, IReadOnlyDictionary<string, long>? current)
    {
        var deltas = new Dictionary<string, long>(StringComparer.Ordinal);
        if (previous is null || current is null)
        {
            return deltas;
        }

        foreach (var (name, value) in current)
        {
            // A counter that went down was reset (namespace recreated): its value is the delta since.
            var delta = previous.TryGetValue(name, out var before) ? (value >= before ? value - before : value) : 0;
            if (delta != 0)
            {
                deltas[name] = delta;
            }
        }

        return deltas;
    }
}
