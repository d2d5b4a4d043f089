using Microsoft.Data.Sqlite;

namespace PortDoctor.History;

/// <summary>
/// The schema, versioned with PRAGMA user_version. Migrations[i] takes a file from version i to
/// i + 1, so a file of any older version is brought forward step by step, each step in its own
/// transaction. Never edit a step once released: add one.
/// </summary>
internal static class HistorySchema
{
    /// <summary>Version 1: samples with their pools, destinations, processes and 4-tuples; two rollup tiers.</summary>
    private const string Version1 = """
        CREATE TABLE sample(
          id INTEGER PRIMARY KEY,
          time_ms INTEGER NOT NULL,
          host TEXT NOT NULL,
          namespace TEXT NOT NULL,
          events INTEGER NOT NULL,
          counters TEXT NOT NULL,
          probe_target TEXT, probe_outcome TEXT, probe_native INTEGER, probe_error TEXT, probe_us INTEGER,
          cost_us INTEGER NOT NULL,
          cpu_us INTEGER NOT NULL,
          headline_ports INTEGER,
          headline_capacity INTEGER);
        CREATE INDEX sample_time ON sample(time_ms);
        CREATE TABLE pool(
          sample_id INTEGER NOT NULL, protocol TEXT NOT NULL, family TEXT NOT NULL,
          capacity INTEGER NOT NULL, ports INTEGER NOT NULL, states TEXT NOT NULL,
          PRIMARY KEY(sample_id, protocol, family)) WITHOUT ROWID;
        CREATE TABLE destination(
          sample_id INTEGER NOT NULL, protocol TEXT NOT NULL, family TEXT NOT NULL, rank INTEGER NOT NULL,
          local TEXT NOT NULL, remote TEXT NOT NULL, remote_port INTEGER NOT NULL,
          ports INTEGER NOT NULL, time_wait INTEGER NOT NULL,
          PRIMARY KEY(sample_id, protocol, family, rank)) WITHOUT ROWID;
        CREATE TABLE process(
          sample_id INTEGER NOT NULL, rank INTEGER NOT NULL, pid INTEGER NOT NULL, start_ms INTEGER,
          name TEXT NOT NULL, ports INTEGER NOT NULL, handles INTEGER, socket_fds INTEGER, states TEXT NOT NULL,
          PRIMARY KEY(sample_id, rank)) WITHOUT ROWID;
        CREATE TABLE connection(
          sample_id INTEGER NOT NULL, local TEXT NOT NULL, local_port INTEGER NOT NULL,
          remote TEXT NOT NULL, remote_port INTEGER NOT NULL, pid INTEGER NOT NULL, start_ms INTEGER,
          PRIMARY KEY(sample_id, local, local_port, remote, remote_port)) WITHOUT ROWID;
        CREATE TABLE host_rollup(
          tier INTEGER NOT NULL, bucket_ms INTEGER NOT NULL, samples INTEGER NOT NULL,
          ports_min INTEGER NOT NULL, ports_max INTEGER NOT NULL, ports_sum INTEGER NOT NULL,
          util_min REAL NOT NULL, util_max REAL NOT NULL, util_sum REAL NOT NULL,
          PRIMARY KEY(tier, bucket_ms)) WITHOUT ROWID;
        CREATE TABLE process_rollup(
          tier INTEGER NOT NULL, bucket_ms INTEGER NOT NULL, pid INTEGER NOT NULL, start_ms INTEGER NOT NULL,
          name TEXT NOT NULL, samples INTEGER NOT NULL,
          ports_min INTEGER NOT NULL, ports_max INTEGER NOT NULL, ports_sum INTEGER NOT NULL,
          PRIMARY KEY(tier, bucket_ms, pid, start_ms)) WITHOUT ROWID;
        """;

    private static readonly string[] Migrations = [Version1];

    public static int Current => Migrations.Length;

    /// <summary>Brings the file to <paramref name="target"/> (the current version unless a test asks for an older one).</summary>
    public static void Migrate(SqliteConnection connection, string path, int? target = null)
    {
        var to = target ?? Current;
        var version = UserVersion(connection);
        if (version > Current)
        {
            throw new HistoryFormatException(
                $"{path}: history schema version {version} is newer than this portdoctor reads ({Current}); use a newer portdoctor or another --db");
        }

        for (; version < to; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    public static int UserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
