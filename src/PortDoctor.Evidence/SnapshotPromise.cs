namespace PortDoctor.Evidence;

/// <summary>
/// A sample's snapshot, built only if it is wanted (the latest sample, a file's last): a function,
/// or a netstat block as it was when the sample ended. The second costs no object per sample, which a
/// log of millions of one-row samples would otherwise allocate twice over (a closure and its delegate).
/// </summary>
internal readonly struct SnapshotPromise
{
    private readonly Func<Snapshot>? _build;
    private readonly NetstatBlock? _block;
    private readonly int _version;
    private readonly DateTimeOffset _time;
    private readonly IReadOnlyList<string>? _names;

    public SnapshotPromise(Func<Snapshot> build) => _build = build;

    /// <summary>The snapshot of <paramref name="block"/> while it still has <paramref name="version"/>.</summary>
    public SnapshotPromise(NetstatBlock block, int version, DateTimeOffset time, IReadOnlyList<string> names) =>
        (_block, _version, _time, _names) = (block, version, time, names);

    public bool IsEmpty => _build is null && _block is null;

    public Snapshot Build() => _build is not null ? _build() : _block!.Build(_version, _time, _names!);

    /// <summary>As a function, for a caller outside the readers.</summary>
    public Func<Snapshot> AsFunc()
    {
        var self = this;
        return _build ?? self.Build;
    }
}
