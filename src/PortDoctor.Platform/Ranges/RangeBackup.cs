namespace PortDoctor.Platform.Ranges;

/// <summary>
/// What `range set` replaced, kept so `range rollback` restores it exactly. Saved (and synced)
/// before the change; the first backup is kept until a rollback, so repeated sets still go back to
/// the start. It names the machine and network namespace it belongs to: a rollback elsewhere is refused.
/// </summary>
public sealed record RangeBackup
{
    public required string Os { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required IReadOnlyList<RangeBackupEntry> Ranges { get; init; }

    /// <summary>See <see cref="RangeScope.Machine"/>.</summary>
    public required string Machine { get; init; }

    /// <summary>See <see cref="RangeScope.NetworkNamespace"/>.</summary>
    public string? NetworkNamespace { get; init; }

    public RangeScope Scope => new(Machine, NetworkNamespace);

    /// <summary>Linux --persist: the sysctl.d file written.</summary>
    public string? PersistFile { get; init; }

    /// <summary>Its content before, or null when it did not exist (rollback deletes it then).</summary>
    public string? PersistPrevious { get; init; }
}
