namespace PortDoctor.Evidence;

/// <summary>
/// A sample's snapshot, built only if it is wanted (the latest sample, a file's last): a function,
/// or a netstat block as it was when the sample ended. The second costs no object per sample, which a
/// log of millions of one-row samples would otherwise allocate twice over (a closure and its delegate).
/// </summary>
internal readonly struct SnapshotPromise
{
    /// <summary>A <see cref="Func{Snapshot}"/> or a <see cref="NetstatBlock"/>: one reference, as a promise is copied (a write barrier per reference) for every sample.</summary>
    private readonly object? _source;
    private readonly int _version;
    private readonly DateTimeOffset _time;

    public SnapshotPromise(Func<Snapshot> build) => _source = build;

    /// <summary>The snapshot of <paramref name="block"/> (with its <see cref="NetstatBlock.Names"/>) while it still has <paramref name="version"/>.</summary>
    public SnapshotPromise(NetstatBlock block, int version, DateTimeOffset time) =>
        (_source, _version, _time) = (block, version, time);

    public bool IsEmpty => _source is null;

    public Snapshot Build() => _source is NetstatBlock block ? block.Build(_version, _time) : ((Func<Snapshot>)_source!)();

    /// <summary>As a function, for a caller outside the readers.</summary>
    public Func<Snapshot> AsFunc()
    {
        var self = this;
        return _source as Func<Snapshot> ?? self.Build;
    }
}
