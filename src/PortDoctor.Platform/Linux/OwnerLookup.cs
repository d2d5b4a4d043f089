using System.Runtime.Versioning;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// One collection's owner lookup in two steps around the socket dump: <see cref="Start"/> walks the
/// fd tables (every one, or with an <see cref="OwnerCache"/> those that changed) while the dump runs;
/// <see cref="Resolve"/> joins them with the inodes it listed.
/// </summary>
[SupportedOSPlatform("linux")]
/// <param name="onlyPids">Without a cache: walk only these processes' tables (the health check's own process).</param>
internal sealed class OwnerLookup(ProcFdScanner scanner, OwnerCache? cache, DateTimeOffset now, IReadOnlyList<int>? onlyPids = null)
{
    private ProcFdScan? _scan;
    private FdRefresh? _refresh;

    /// <summary>With a cache, once <see cref="Start"/> is through: which tables it walked.</summary>
    public FdRefresh? Refresh => _refresh;

    public void Start(CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            _scan = scanner.Scan(cancellationToken, onlyPids);
            return;
        }

        _refresh = cache.Linux.Refresh(scanner, cache.FullWalkDue(now), cancellationToken);
    }

    /// <param name="closed">With a cache: which listed inodes the kernel no longer has (<see cref="FdTableMemory.Resolve"/>).</param>
    public (ProcFdScan Scan, SocketOwnership Ownership) Resolve(IReadOnlySet<long> listed, CancellationToken cancellationToken, Func<IReadOnlyList<long>, IReadOnlySet<long>>? closed = null)
    {
        if (_refresh is not null)
        {
            return cache!.Linux.Resolve(scanner, _refresh, listed, now, cancellationToken, closed);
        }

        var scan = _scan ?? throw new InvalidOperationException("Start first");
        return (scan, SocketOwnership.Join(scan, listed));
    }

    /// <summary>Appended to the snapshot's source line: how much of the fd tables this collection walked.</summary>
    public string Describe() => _refresh is null ? "" : $" ({_refresh.Describe()})";
}
