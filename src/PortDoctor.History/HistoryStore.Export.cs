using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PortDoctor.History;

public sealed partial class HistoryStore
{
    /// <summary>
    /// Copies the samples taken since <paramref name="since"/> (with their pools, destinations,
    /// processes and 4-tuples) and the rollup buckets that start then or later into a new history
    /// file at <paramref name="target"/> (same schema, readable by <see cref="OpenReadOnly"/>): what
    /// `collect` puts into a bundle so `report --from bundle.zip` has a trend. The source may have a
    /// running writer. <paramref name="mask"/> rewrites every text column that can hold an address or
    /// a host name (host, probe target, destinations, 4-tuples). Returns the number of samples copied.
    /// </summary>
    public static int Export(string source, string target, DateTimeOffset since, Func<string, string>? mask = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        using (OpenReadOnly(source))
        {
            // Exists, opens and has this portdoctor's schema: its faults are said here, about the source.
        }

        if (File.Exists(target))
        {
            throw new HistoryFormatException($"{target}: already exists; the export writes a new file");
        }

        using var connection = Connect(target, SqliteOpenMode.ReadWriteCreate, HistoryOptions.Default);
        return Guard(target, () =>
        {
            // A throwaway file until it is complete: no journal file beside it to clean up.
            Pragma(connection, "journal_mode = MEMORY");
            HistorySchema.Migrate(connection, target);
            connection.CreateFunction<string?, string?>("pd_mask", text => text is null || mask is null ? text : mask(text), isDeterministic: true);
            Execute(connection, "ATTACH DATABASE $1 AS src", System.IO.Path.GetFullPath(source));
            try
            {
                // One transaction (BEGIN/COMMIT as statements: every INSERT below is in it): all or nothing.
                Execute(connection, "BEGIN");
                var from = UnixMs.Of(since);
                Execute(connection, """
                    INSERT INTO main.sample SELECT id, time_ms, pd_mask(host), namespace, events, counters,
                      pd_mask(probe_target), probe_outcome, probe_native, pd_mask(probe_error), probe_us, cost_us, cpu_us,
                      headline_ports, headline_capacity
                    FROM src.sample WHERE time_ms >= $1
                    """, from);
                Execute(connection, "INSERT INTO main.pool SELECT * FROM src.pool WHERE sample_id IN (SELECT id FROM main.sample)");
                Execute(connection, """
                    INSERT INTO main.destination SELECT sample_id, protocol, family, rank, pd_mask(local), pd_mask(remote), remote_port, ports, time_wait
                    FROM src.destination WHERE sample_id IN (SELECT id FROM main.sample)
                    """);
                Execute(connection, "INSERT INTO main.process SELECT * FROM src.process WHERE sample_id IN (SELECT id FROM main.sample)");
                Execute(connection, """
                    INSERT OR IGNORE INTO main.connection SELECT sample_id, pd_mask(local), local_port, pd_mask(remote), remote_port, pid, start_ms
                    FROM src.connection WHERE sample_id IN (SELECT id FROM main.sample)
                    """);
                Execute(connection, "INSERT INTO main.host_rollup SELECT * FROM src.host_rollup WHERE bucket_ms >= $1", from);
                Execute(connection, "INSERT INTO main.process_rollup SELECT * FROM src.process_rollup WHERE bucket_ms >= $1", from);
                Execute(connection, "COMMIT");
            }
            catch (SqliteException)
            {
                // The failed statement may already have ended the transaction: then ROLLBACK has nothing to undo.
                try
                {
                    Execute(connection, "ROLLBACK");
                }
                catch (SqliteException)
                {
                }

                throw;
            }
            finally
            {
                Execute(connection, "DETACH DATABASE src");
            }

            using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM sample";
            return Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        });
    }

    /// <summary>The time of the newest stored sample, or null for a history without one.</summary>
    public DateTimeOffset? LastSampleTime() => Guard(Path, () =>
    {
        using var command = Command("SELECT max(time_ms) FROM sample");
        return command.ExecuteScalar() is long ms ? UnixMs.ToTime(ms) : (DateTimeOffset?)null;
    });

    private static void Execute(SqliteConnection connection, string sql, params ReadOnlySpan<object> values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1).ToString(CultureInfo.InvariantCulture), values[i]);
        }

        command.ExecuteNonQuery();
    }
}
