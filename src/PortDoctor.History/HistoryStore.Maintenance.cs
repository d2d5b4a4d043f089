using System.Diagnostics;
using System.Globalization;

namespace PortDoctor.History;

public sealed partial class HistoryStore
{
    /// <summary>Samples purged per step: small enough that a step stays far below one interval.</summary>
    public const int DefaultStepRows = 100;

    /// <summary>Free pages given back to the file system per step (4 KiB each).</summary>
    private const int VacuumPagesPerStep = 512;

    private static readonly string[] SampleChildren = ["pool", "destination", "process", "connection"];

    /// <summary>
    /// One small step of retention: purges at most <paramref name="maxRows"/> expired samples and
    /// rollup rows per tier (each tier relative to <paramref name="now"/>), gives up to 2 MiB of
    /// free pages back (incremental vacuum), and truncates the WAL. Call it after a sample while
    /// <see cref="MaintenanceStep.More"/> is true; never a full VACUUM.
    /// </summary>
    public MaintenanceStep Maintain(DateTimeOffset now, int maxRows = DefaultStepRows)
    {
        if (_writer is null)
        {
            throw new InvalidOperationException($"{Path} was opened read-only");
        }

        var clock = Stopwatch.StartNew();
        var retention = Options.Retention;
        var (samples, rollups, more) = Guard(Path, () =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            // Their samples stay: find the newest expired sample's id (ids grow with time), then walk the key range.
            var connections = Run(
                $"""
                DELETE FROM connection WHERE sample_id IN (SELECT DISTINCT sample_id FROM connection
                  WHERE sample_id <= (SELECT id FROM sample WHERE time_ms < $1 ORDER BY time_ms DESC LIMIT 1) ORDER BY sample_id LIMIT {maxRows})
                """,
                transaction, UnixMs.Of(now - retention.Connections));
            var expired = $"SELECT id FROM sample WHERE time_ms < $1 ORDER BY time_ms LIMIT {maxRows}";
            var rawCut = UnixMs.Of(now - retention.Raw);
            foreach (var child in SampleChildren)
            {
                Run($"DELETE FROM {child} WHERE sample_id IN ({expired})", transaction, rawCut);
            }

            var samples = Run($"DELETE FROM sample WHERE id IN ({expired})", transaction, rawCut);
            var rollups = 0;
            foreach (var (tier, cut) in new[] { (1, now - retention.Minute), (2, now - retention.Hour) })
            {
                foreach (var table in new[] { "host_rollup", "process_rollup" })
                {
                    rollups += Run(
                        $"DELETE FROM {table} WHERE tier = $2 AND bucket_ms IN (SELECT bucket_ms FROM {table} WHERE tier = $2 AND bucket_ms < $1 ORDER BY bucket_ms LIMIT {maxRows})",
                        transaction, UnixMs.Of(cut), tier);
                }
            }

            transaction.Commit();
            // Connections delete whole samples' worth of rows: any deleted may mean more are left.
            return (samples, rollups, samples == maxRows || rollups >= maxRows || connections > 0);
        });

        var freed = Guard(Path, () => Reclaim(samples + rollups > 0));
        return new MaintenanceStep(samples, rollups, freed, clock.Elapsed, more || freed >= VacuumPagesPerStep);
    }

    /// <summary>Size on disk of the database and its WAL, in bytes.</summary>
    public long SizeOnDisk() =>
        new[] { Path, Path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    /// <summary>Runs `PRAGMA integrity_check`; "ok" when the file is sound.</summary>
    public string IntegrityCheck() => Guard(Path, () =>
    {
        using var command = Command("PRAGMA integrity_check");
        return (string)command.ExecuteScalar()!;
    });

    private long Reclaim(bool purged)
    {
        var before = FreePages();
        if (before > 0)
        {
            Pragma(_connection, $"incremental_vacuum({VacuumPagesPerStep.ToString(CultureInfo.InvariantCulture)})");
        }

        // TRUNCATE after work only: the WAL shrinks to zero (journal_size_limit caps it otherwise).
        if (purged || before > 0)
        {
            Pragma(_connection, "wal_checkpoint(TRUNCATE)");
        }

        return before - FreePages();
    }

    private long FreePages()
    {
        using var command = Command("PRAGMA freelist_count");
        return (long)command.ExecuteScalar()!;
    }

    private int Run(string sql, Microsoft.Data.Sqlite.SqliteTransaction transaction, params ReadOnlySpan<object> values)
    {
        using var command = Command(sql, values);
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }
}
