namespace PortDoctor.History;

/// <summary>How a store opens its file. The defaults suit a monitor sampling every 1 s to 1 h.</summary>
public sealed record HistoryOptions
{
    public static readonly HistoryOptions Default = new();

    public RetentionPolicy Retention { get; init; } = RetentionPolicy.Default;

    /// <summary>How long a write waits for another connection (whole seconds, at least 1: the SQLite driver's unit).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The WAL is truncated back to this size after a checkpoint.</summary>
    public long JournalSizeLimitBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>A cap on the database file (SQLite max_page_count); null for none. A full file fails writes with <see cref="HistoryFault.Full"/>.</summary>
    public long? MaxBytes { get; init; }
}
