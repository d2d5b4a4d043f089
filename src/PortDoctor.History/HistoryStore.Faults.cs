using Microsoft.Data.Sqlite;

namespace PortDoctor.History;

public sealed partial class HistoryStore
{
    // SQLite primary result codes (the low byte of an extended code).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    /// <summary>Runs one database step and turns SQLite's errors into the store's typed, one-line exceptions.</summary>
    internal static T Guard<T>(string path, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (SqliteException ex)
        {
            throw Translate(path, ex);
        }
    }

    private static Exception Translate(string path, SqliteException ex) => (ex.SqliteErrorCode & 0xFF) switch
    {
        SqliteBusy or SqliteLocked => new HistoryUnavailableException($"{path}: database is busy (another connection holds it): {ex.Message}", HistoryFault.Busy, ex),
        SqliteFull => new HistoryUnavailableException($"{path}: database or disk is full: {ex.Message}", HistoryFault.Full, ex),
        SqliteIoError or SqliteCantOpen => new HistoryUnavailableException($"{path}: I/O error: {ex.Message}", HistoryFault.IoError, ex),
        SqliteReadOnly => new HistoryUnavailableException($"{path}: database is read-only: {ex.Message}", HistoryFault.ReadOnly, ex),
        SqliteCorrupt or SqliteNotADatabase => new HistoryFormatException($"{path}: not a readable history file: {ex.Message}", ex),
        _ => ex,
    };
}
