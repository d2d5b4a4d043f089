using Microsoft.Data.Sqlite;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;

namespace PortDoctor.History;

/// <summary>
/// Writes one sample into an open transaction with statements prepared once per store: the
/// sample row, its children, and the 1-minute and 1-hour rollups (upserted, so rollups are
/// always current and retention only ever deletes).
/// </summary>
internal sealed class SampleWriter : IDisposable
{
    public const long MinuteMs = 60_000;
    public const long HourMs = 3_600_000;

    private readonly PreparedCommand _sample;
    private readonly PreparedCommand _pool;
    private readonly PreparedCommand _destination;
    private readonly PreparedCommand _process;
    private readonly PreparedCommand _connection;
    private readonly PreparedCommand _hostRollup;
    private readonly PreparedCommand _processRollup;

    public SampleWriter(SqliteConnection connection)
    {
        _sample = new(connection, """
            INSERT INTO sample(time_ms, host, namespace, events, counters, probe_target, probe_outcome, probe_native,
              probe_error, probe_us, cost_us, cpu_us, headline_ports, headline_capacity)
            VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id
            """, 14);
        _pool = new(connection, "INSERT INTO pool VALUES($1, $2, $3, $4, $5, $6)", 6);
        _destination = new(connection, "INSERT INTO destination VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9)", 9);
        _process = new(connection, "INSERT INTO process VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9)", 9);
        _connection = new(connection, "INSERT OR REPLACE INTO connection VALUES($1, $2, $3, $4, $5, $6, $7)", 7);
        _hostRollup = new(connection, """
            INSERT INTO host_rollup VALUES($1, $2, 1, $3, $3, $3, $4, $4, $4)
            ON CONFLICT(tier, bucket_ms) DO UPDATE SET samples = samples + 1,
              ports_min = min(ports_min, excluded.ports_min), ports_max = max(ports_max, excluded.ports_max),
              ports_sum = ports_sum + excluded.ports_sum,
              util_min = min(util_min, excluded.util_min), util_max = max(util_max, excluded.util_max),
              util_sum = util_sum + excluded.util_sum
            """, 4);
        _processRollup = new(connection, """
            INSERT INTO process_rollup VALUES($1, $2, $3, $4, $5, 1, $6, $6, $6)
            ON CONFLICT(tier, bucket_ms, pid, start_ms) DO UPDATE SET samples = samples + 1, name = excluded.name,
              ports_min = min(ports_min, excluded.ports_min), ports_max = max(ports_max, excluded.ports_max),
              ports_sum = ports_sum + excluded.ports_sum
            """, 6);
    }

    public long Write(HostSample sample, SqliteTransaction transaction)
    {
        var headline = sample.Headline;
        var probe = sample.Probe;
        var id = _sample.RunScalar(
            transaction,
            UnixMs.Of(sample.Time), sample.Host, sample.Namespace, sample.EventsSinceLast, CountsText.Format(sample.KernelCounterDeltas),
            probe?.Target, probe?.Outcome.ToString(), probe?.NativeError, probe?.ErrorName, probe is null ? null : Micros(probe.Elapsed),
            Micros(sample.Cost.Duration), Micros(sample.Cost.Cpu), headline?.PortsInUse, headline?.Capacity);
        WritePools(id, sample.Pools, transaction);
        WriteProcesses(id, sample, transaction);
        foreach (var owner in sample.Connections)
        {
            _connection.Run(
                transaction, id, owner.Local.Address, owner.Local.Port, owner.Remote.Address, owner.Remote.Port, owner.Pid,
                UnixMs.OfOrNull(owner.ProcessStart));
        }

        if (headline is not null)
        {
            foreach (var (tier, width) in Tiers)
            {
                _hostRollup.Run(transaction, tier, UnixMs.Floor(UnixMs.Of(sample.Time), width), headline.PortsInUse, headline.UtilizationPercent);
            }
        }

        return id;
    }

    /// <summary>Tier number and bucket width; the tier is what rollup rows are keyed by.</summary>
    public static IReadOnlyList<(int Tier, long WidthMs)> Tiers { get; } = [(1, MinuteMs), (2, HourMs)];

    public static string FamilyText(IpFamily? family) => family switch
    {
        IpFamily.IPv4 => "4",
        IpFamily.IPv6 => "6",
        _ => "",
    };

    public void Dispose()
    {
        foreach (var command in new[] { _sample, _pool, _destination, _process, _connection, _hostRollup, _processRollup })
        {
            command.Dispose();
        }
    }

    private static long Micros(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;

    private void WritePools(long id, IReadOnlyList<PoolSample> pools, SqliteTransaction transaction)
    {
        foreach (var pool in pools)
        {
            var protocol = pool.Protocol == TransportProtocol.Tcp ? "tcp" : "udp";
            var family = FamilyText(pool.Family);
            _pool.Run(transaction, id, protocol, family, pool.Capacity, pool.PortsInUse, CountsText.Format(pool.ByState));
            for (var rank = 0; rank < pool.WorstDestinations.Count; rank++)
            {
                var d = pool.WorstDestinations[rank];
                _destination.Run(transaction, id, protocol, family, rank, d.LocalAddress, d.Remote.Address, d.Remote.Port, d.Ports, d.TimeWait);
            }
        }
    }

    private void WriteProcesses(long id, HostSample sample, SqliteTransaction transaction)
    {
        var time = UnixMs.Of(sample.Time);
        for (var rank = 0; rank < sample.Processes.Count; rank++)
        {
            var p = sample.Processes[rank];
            _process.Run(
                transaction, id, rank, p.Pid, UnixMs.OfOrNull(p.StartTime), p.Name, p.Ports, p.Handles, p.SocketFds, CountsText.Format(p.ByState));
            foreach (var (tier, width) in Tiers)
            {
                // Unknown start time is 0 here: a rollup key cannot be NULL.
                _processRollup.Run(transaction, tier, UnixMs.Floor(time, width), p.Pid, p.StartTime is { } s ? UnixMs.Of(s) : 0L, p.Name, p.Ports);
            }
        }
    }
}
