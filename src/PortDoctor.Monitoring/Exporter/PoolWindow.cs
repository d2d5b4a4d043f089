using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.Core.Trends.Forecasting;

namespace PortDoctor.Monitoring.Exporter;

/// <summary>
/// The recent samples of each pool, in memory, that the forecast is fitted on: at most
/// <see cref="MaxSamples"/> per pool (48 h at the default 60 s interval), seeded from the history
/// file when the monitor starts so a restart does not forget the trend.
/// </summary>
internal sealed class PoolWindow
{
    public const int MaxSamples = 2_880;

    private readonly Dictionary<string, Queue<SeriesSample>> _pools = new(StringComparer.Ordinal);

    public IReadOnlyList<SeriesSample> Add(PoolSample pool, DateTimeOffset time)
    {
        if (!_pools.TryGetValue(pool.Name, out var queue))
        {
            queue = new Queue<SeriesSample>();
            _pools[pool.Name] = queue;
        }

        if (queue.Count > 0 && queue.Last().Time >= time)
        {
            return [.. queue];
        }

        queue.Enqueue(new SeriesSample(time, pool.PortsInUse) { TimeWait = TimeWait(pool), Capacity = pool.Capacity });
        while (queue.Count > MaxSamples)
        {
            queue.Dequeue();
        }

        return [.. queue];
    }

    /// <summary>
    /// The part of the pool's ports in use held only by TIME_WAIT, which churn keeps steady: on Linux
    /// TCP the worst destination's (the headline counts exclusive ports plus that destination's),
    /// elsewhere the pool's TIME_WAIT sockets.
    /// </summary>
    private static int TimeWait(PoolSample pool)
    {
        var timeWait = pool.Family is null && pool.Protocol == TransportProtocol.Tcp
            ? pool.WorstDestinations.FirstOrDefault()?.TimeWait ?? 0
            : pool.ByState.GetValueOrDefault(SocketState.TimeWait);
        return Math.Min(timeWait, pool.PortsInUse);
    }
}
