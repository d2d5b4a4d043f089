using Microsoft.Data.Sqlite;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;

namespace PortDoctor.History;

public sealed partial class HistoryStore
{
    private const string SamplesIn = "SELECT id FROM sample WHERE time_ms >= $1 AND time_ms < $2";

    /// <summary>The raw samples with since &lt;= time &lt; until, oldest first, rebuilt whole.</summary>
    public IReadOnlyList<HostSample> Query(DateTimeOffset since, DateTimeOffset until) => Guard(Path, () =>
    {
        var (from, to) = (UnixMs.Of(since), UnixMs.Of(until));
        var samples = ReadSamples(from, to);
        var pools = ReadPools(from, to);
        var processes = Read(
            $"SELECT sample_id, pid, start_ms, name, ports, handles, socket_fds, states FROM process WHERE sample_id IN ({SamplesIn}) ORDER BY sample_id, rank",
            from, to,
            r => new ProcessSample(r.GetInt32(1), NullableTime(r, 2), r.GetString(3), r.GetInt32(4))
            {
                Handles = r.IsDBNull(5) ? null : r.GetInt32(5),
                SocketFds = r.IsDBNull(6) ? null : r.GetInt32(6),
                ByState = CountsText.ParseStates(r.GetString(7)),
            });
        var connections = Read(
            $"SELECT sample_id, local, local_port, remote, remote_port, pid, start_ms FROM connection WHERE sample_id IN ({SamplesIn}) ORDER BY sample_id",
            from, to,
            r => new ConnectionOwner(new Endpoint(r.GetString(1), r.GetInt32(2)), new Endpoint(r.GetString(3), r.GetInt32(4)), r.GetInt32(5), NullableTime(r, 6)));
        return samples.Select(s => s.Sample with
        {
            Pools = pools.GetValueOrDefault(s.Id, []),
            Processes = processes.GetValueOrDefault(s.Id, []),
            Connections = connections.GetValueOrDefault(s.Id, []),
        }).ToList();
    });

    /// <summary>
    /// ESTABLISHED 4-tuples seen with since &lt;= time &lt; until, oldest first, with the time they
    /// were seen: a TIME_WAIT on one of them belongs to its owner (the latest sighting wins).
    /// </summary>
    public IReadOnlyList<(DateTimeOffset Time, ConnectionOwner Owner)> QueryConnections(DateTimeOffset since, DateTimeOffset until) => Guard(Path, () =>
    {
        using var command = Command("""
            SELECT s.time_ms, c.local, c.local_port, c.remote, c.remote_port, c.pid, c.start_ms
            FROM sample s JOIN connection c ON c.sample_id = s.id
            WHERE s.time_ms >= $1 AND s.time_ms < $2 ORDER BY s.time_ms, s.id
            """, UnixMs.Of(since), UnixMs.Of(until));
        return ReadSightings(command);
    });

    /// <summary>Rows of (time_ms, local, local_port, remote, remote_port, pid, start_ms) as sightings.</summary>
    private static List<(DateTimeOffset Time, ConnectionOwner Owner)> ReadSightings(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var owners = new List<(DateTimeOffset, ConnectionOwner)>();
        while (reader.Read())
        {
            owners.Add((UnixMs.ToTime(reader.GetInt64(0)), new ConnectionOwner(
                new Endpoint(reader.GetString(1), reader.GetInt32(2)), new Endpoint(reader.GetString(3), reader.GetInt32(4)), reader.GetInt32(5), NullableTime(reader, 6))));
        }

        return owners;
    }

    private List<(long Id, HostSample Sample)> ReadSamples(long from, long to)
    {
        using var command = Command("""
            SELECT id, time_ms, host, namespace, events, counters, probe_target, probe_outcome, probe_native, probe_error, probe_us, cost_us, cpu_us
            FROM sample WHERE time_ms >= $1 AND time_ms < $2 ORDER BY time_ms, id
            """, from, to);
        using var r = command.ExecuteReader();
        var samples = new List<(long, HostSample)>();
        while (r.Read())
        {
            samples.Add((r.GetInt64(0), new HostSample(UnixMs.ToTime(r.GetInt64(1)), r.GetString(2))
            {
                Namespace = r.GetString(3),
                EventsSinceLast = r.GetInt32(4),
                KernelCounterDeltas = CountsText.ParseCounters(r.GetString(5)),
                Probe = ReadProbe(r),
                Cost = new SampleCost(TimeSpan.FromMicroseconds(r.GetInt64(11)), TimeSpan.FromMicroseconds(r.GetInt64(12))),
            }));
        }

        return samples;
    }

    private static ProbeResult? ReadProbe(SqliteDataReader r) =>
        r.IsDBNull(6) || !Enum.TryParse<ProbeOutcome>(r.GetString(7), out var outcome)
            ? null
            : new ProbeResult(r.GetString(6), outcome)
            {
                NativeError = r.IsDBNull(8) ? null : r.GetInt32(8),
                ErrorName = r.IsDBNull(9) ? null : r.GetString(9),
                Elapsed = TimeSpan.FromMicroseconds(r.GetInt64(10)),
            };

    private Dictionary<long, List<PoolSample>> ReadPools(long from, long to)
    {
        var destinations = Read(
            $"SELECT sample_id, protocol || family, local, remote, remote_port, ports, time_wait FROM destination WHERE sample_id IN ({SamplesIn}) ORDER BY sample_id, protocol, family, rank",
            from, to,
            r => (Pool: r.GetString(1), Destination: new DestinationSample(r.GetString(2), new Endpoint(r.GetString(3), r.GetInt32(4)), r.GetInt32(5)) { TimeWait = r.GetInt32(6) }));
        return Read(
            $"SELECT sample_id, protocol, family, capacity, ports, states FROM pool WHERE sample_id IN ({SamplesIn}) ORDER BY sample_id, protocol, family",
            from, to,
            r => (Id: r.GetInt64(0), Pool: new PoolSample(
                r.GetString(1) == "tcp" ? TransportProtocol.Tcp : TransportProtocol.Udp,
                r.GetString(2) switch { "4" => IpFamily.IPv4, "6" => IpFamily.IPv6, _ => null },
                r.GetInt32(3),
                r.GetInt32(4))
            { ByState = CountsText.ParseStates(r.GetString(5)) }))
            .ToDictionary(
                g => g.Key,
                g => g.Value.Select(x => x.Pool with
                {
                    WorstDestinations = destinations.GetValueOrDefault(x.Id, []).Where(d => d.Pool == x.Pool.Name).Select(d => d.Destination).ToList(),
                }).ToList());
    }

    /// <summary>Rows of a per-sample child table, grouped by sample id (column 0) in read order.</summary>
    private Dictionary<long, List<T>> Read<T>(string sql, long from, long to, Func<SqliteDataReader, T> row)
    {
        using var command = Command(sql, from, to);
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<long, List<T>>();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (!rows.TryGetValue(id, out var list))
            {
                rows[id] = list = [];
            }

            list.Add(row(reader));
        }

        return rows;
    }

    private SqliteCommand Command(string sql, params ReadOnlySpan<object> values)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]);
        }

        return command;
    }

    private static DateTimeOffset? NullableTime(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : UnixMs.ToTime(reader.GetInt64(column));
}
