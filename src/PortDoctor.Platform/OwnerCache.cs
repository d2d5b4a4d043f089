namespace PortDoctor.Platform;

/// <summary>
/// Socket owners remembered across collections (the monitor, `--all-netns`): on Linux only the fd
/// tables that changed are walked again, and every one at least every <see cref="FullRescanEvery"/>.
/// One collection uses it at a time. Windows tables carry PIDs, so there it changes nothing.
/// </summary>
public sealed class OwnerCache(TimeSpan fullRescanEvery)
{
    /// <summary>The longest a full rescan waits, whatever the interval.</summary>
    public static readonly TimeSpan MaxFullRescanEvery = TimeSpan.FromMinutes(10);

    public TimeSpan FullRescanEvery { get; } = fullRescanEvery;

    internal Linux.FdTableMemory Linux { get; } = new();

    internal Lock Gate { get; } = new();

    /// <summary>A monitor's cache: a full rescan every 10th sample, and at least every 10 minutes.</summary>
    public static OwnerCache ForInterval(TimeSpan interval) =>
        new(interval * 10 < MaxFullRescanEvery ? interval * 10 : MaxFullRescanEvery);
}
