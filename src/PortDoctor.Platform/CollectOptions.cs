namespace PortDoctor.Platform;

/// <summary>What a live collection should include; everything is on by default.</summary>
public sealed record CollectOptions
{
    public bool IncludeUdp { get; init; } = true;

    /// <summary>Map sockets to processes (Linux: scan /proc/[pid]/fd). Costs time on busy hosts.</summary>
    public bool ResolveOwners { get; init; } = true;

    /// <summary>
    /// Linux: resolve owners among these processes only (read only their /proc/[pid]/fd), e.g. a health check that
    /// looks at its own process and must not walk every process each time. Null: every process.
    /// </summary>
    public IReadOnlyList<int>? OwnerPids { get; init; }

    /// <summary>Read command lines and handle counts of owning processes.</summary>
    public bool ProcessDetails { get; init; } = true;

    /// <summary>Owners remembered from earlier collections (the monitor, `--all-netns`); null walks every fd table.</summary>
    public OwnerCache? Owners { get; init; }
}
