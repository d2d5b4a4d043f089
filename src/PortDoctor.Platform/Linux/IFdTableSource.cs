namespace PortDoctor.Platform.Linux;

/// <summary>The processes' fd tables, as <see cref="FdTableMemory"/> reads them; /proc in production, a fake in tests.</summary>
internal interface IFdTableSource
{
    /// <summary>Every process now, stamped; one that exits while listed is left out.</summary>
    List<FdTableStamp> ListProcesses(CancellationToken cancellationToken);

    /// <summary>Walks the fd tables of <paramref name="pids"/>: their socket fds, counts, and the ones we may not read.</summary>
    ProcFdScan Walk(IReadOnlyList<int> pids, CancellationToken cancellationToken);
}
