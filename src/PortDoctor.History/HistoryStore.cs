using System.Globalization;
using Microsoft.Data.Sqlite;
using PortDoctor.Core.Trends;

namespace PortDoctor.History;

/// <summary>
/// The monitor's history in one SQLite file (WAL, synchronous=NORMAL, auto_vacuum=INCREMENTAL).
/// <see cref="Open"/> is the one writer (an exclusive lock file next to the database); any number
/// of <see cref="OpenReadOnly"/> stores may read while it writes. Synchronous API: one sample is
/// one small transaction. Faults the next interval may not repeat throw
/// <see cref="HistoryUnavailableException"/>.
/// </summary>
public sealed partial class HistoryStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly WriterLock? _lock;
    private readonly SampleWriter? _writer;

    private HistoryStore(string path, HistoryOptions options, SqliteConnection connection, WriterLock? writerLock)
    {
        Path = path;
        Options = options;
        _connection = connection;
        _lock = writerLock;
        _writer = writerLock is null ? null : new SampleWriter(connection);
    }

    static HistoryStore() => SQLitePCL.Batteries_V2.Init();

    public string Path { get; }

    public HistoryOptions Options { get; }

    public bool IsWriter => _writer is not null;

    /// <summary>Opens (creating it and its directories when missing) the history at <paramref name="path"/> as its one writer.</summary>
    public static HistoryStore Open(string path, HistoryOptions? options = null) => Open(path, options ?? HistoryOptions.Default, null);

    /// <summary>Opens an existing history for reading while a writer may be running. Nothing is created or migrated.</summary>
    public static HistoryStore OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new HistoryFormatException($"{path}: no history file here (a monitor creates it on its first sample)");
        }

        var connection = Connect(path, SqliteOpenMode.ReadOnly, HistoryOptions.Default);
        try
        {
            var version = Guard(path, () => HistorySchema.UserVersion(connection));
            if (version != HistorySchema.Current)
            {
                throw new HistoryFormatException(
                    $"{path}: history schema version {version}, this portdoctor reads {HistorySchema.Current} (a writer of this version migrates it)");
            }

            return new HistoryStore(path, HistoryOptions.Default, connection, null);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Test seam: opens as a writer but migrates only to <paramref name="schemaVersion"/>.</summary>
    internal static HistoryStore Open(string path, HistoryOptions options, int? schemaVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        options.Retention.Validate();
        var full = System.IO.Path.GetFullPath(path);
        CreateDirectory(full);
        var writerLock = WriterLock.Acquire(full);
        SqliteConnection? connection = null;
        try
        {
            connection = Connect(full, SqliteOpenMode.ReadWriteCreate, options);
            var open = connection;
            Guard(full, () =>
            {
                // auto_vacuum only takes effect before the first table exists: it is set on an empty file.
                Pragma(open, "auto_vacuum = INCREMENTAL");
                Pragma(open, "journal_mode = WAL");
                Pragma(open, "synchronous = NORMAL");
                Pragma(open, $"journal_size_limit = {options.JournalSizeLimitBytes.ToString(CultureInfo.InvariantCulture)}");
                if (options.MaxBytes is { } max)
                {
                    Pragma(open, $"max_page_count = {Math.Max(1, max / PageSize(open)).ToString(CultureInfo.InvariantCulture)}");
                }

                HistorySchema.Migrate(open, full, schemaVersion);
                return 0;
            });
            return new HistoryStore(full, options, connection, writerLock);
        }
        catch
        {
            connection?.Dispose();
            writerLock.Dispose();
            throw;
        }
    }

    /// <summary>Writes one sample in one transaction; returns its id. All of it is stored, or nothing.</summary>
    public long Append(HostSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var writer = _writer ?? throw new InvalidOperationException($"{Path} was opened read-only");
        return Guard(Path, () =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var id = writer.Write(sample, transaction);
            transaction.Commit();
            return id;
        });
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _connection.Dispose();
        _lock?.Dispose();
    }

    internal SqliteConnection Connection => _connection;

    private static SqliteConnection Connect(string path, SqliteOpenMode mode, HistoryOptions options)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        Guard(path, () =>
        {
            connection.Open();
            Pragma(connection, $"busy_timeout = {((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}");
            return 0;
        });
        return connection;
    }

    private static void CreateDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HistoryUnavailableException($"{path}: cannot create its directory: {ex.Message}", HistoryFault.IoError, ex);
        }
    }

    private static long PageSize(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        return (long)command.ExecuteScalar()!;
    }

    internal static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        command.ExecuteNonQuery();
    }
}
