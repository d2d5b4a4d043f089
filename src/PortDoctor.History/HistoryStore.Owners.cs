using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;

namespace PortDoctor.History;

public sealed partial class HistoryStore
{
    /// <summary>
    /// Like <see cref="QueryConnections(DateTimeOffset, DateTimeOffset)"/>, only the sightings of the
    /// given 4-tuples (a live snapshot's TIME_WAIT sockets): the wanted tuples go into a temporary
    /// table, the kernel-side filter is one index lookup per stored row, and only matches become objects.
    /// A busy host stores millions of 4-tuples a day; diagnose needs the few thousand in TIME_WAIT now.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset Time, ConnectionOwner Owner)> QueryConnections(
        DateTimeOffset since, DateTimeOffset until, IReadOnlyCollection<(Endpoint Local, Endpoint Remote)> only) => Guard(Path, () =>
    {
        ArgumentNullException.ThrowIfNull(only);
        if (only.Count == 0)
        {
            return [];
        }

        using (var create = Command("""
            CREATE TEMP TABLE IF NOT EXISTS wanted_tuple(
              local TEXT NOT NULL, local_port INTEGER NOT NULL, remote TEXT NOT NULL, remote_port INTEGER NOT NULL,
              PRIMARY KEY(local, local_port, remote, remote_port)) WITHOUT ROWID;
            DELETE FROM temp.wanted_tuple;
            """))
        {
            create.ExecuteNonQuery();
        }

        try
        {
            using (var transaction = _connection.BeginTransaction())
            using (var insert = Command("INSERT OR IGNORE INTO temp.wanted_tuple VALUES ($1, $2, $3, $4)", "", 0, "", 0))
            {
                insert.Transaction = transaction;
                foreach (var (local, remote) in only)
                {
                    insert.Parameters[0].Value = local.Address;
                    insert.Parameters[1].Value = local.Port;
                    insert.Parameters[2].Value = remote.Address;
                    insert.Parameters[3].Value = remote.Port;
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            using var command = Command("""
                SELECT s.time_ms, c.local, c.local_port, c.remote, c.remote_port, c.pid, c.start_ms
                FROM sample s JOIN connection c ON c.sample_id = s.id
                WHERE s.time_ms >= $1 AND s.time_ms < $2
                  AND EXISTS (SELECT 1 FROM temp.wanted_tuple w
                              WHERE w.local = c.local AND w.local_port = c.local_port AND w.remote = c.remote AND w.remote_port = c.remote_port)
                ORDER BY s.time_ms, s.id
                """, UnixMs.Of(since), UnixMs.Of(until));
            return ReadSightings(command);
        }
        finally
        {
            using var clear = Command("DELETE FROM temp.wanted_tuple");
            clear.ExecuteNonQuery();
        }
    });
}
