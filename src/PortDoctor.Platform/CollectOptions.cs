namespace PortDoctor.Platform;

/// <summary>What a live collection should include; everything is on by default.</summary>
public sealed record CollectOptions
{
    public bool IncludeUdp { get; init; } = true;

    /// <summary>Map sockets to processes (Linux: scan /proc/[pid]/fd). Costs time on busy hosts.</summary>
    public bool ResolveOwners { get; init; } = true;

    /// <summary>Read command lines and handle counts of owning processes.</summary>
    public bool ProcessDetails { get; init; } = true;

    /// <summary>Read confirmation events at all (Windows event log); `connections` does not need them.</summary>
    public bool IncludeEvents { get; init; } = true;

    /// <summary>How far back to read confirmation events (Windows Tcpip 4227/4231); `--since`.</summary>
    public TimeSpan EventsSince { get; init; } = TimeSpan.FromHours(24);
}
