namespace PortDoctor.Core.Analysis;

/// <summary>How a process runs a machine out of ports; each has its own socket-state signature.</summary>
public enum LeakPattern
{
    /// <summary>Sockets bound to a local port but never connected or listening.</summary>
    Bound,

    /// <summary>Connections held open (usually toward one destination) and never closed.</summary>
    Established,

    /// <summary>The peer closed, the application never closed its end.</summary>
    CloseWait,

    /// <summary>Connections opened and closed at a high rate; ports sit in TIME_WAIT.</summary>
    TimeWait,

    /// <summary>Connects that never complete: an unreachable or silent destination retried hard.</summary>
    SynSent,

    /// <summary>
    /// Connections stuck closing (FIN_WAIT_1/2, CLOSING, LAST_ACK): the peer never sends its FIN or
    /// never acknowledges ours, or the application half-closes (shutdown) and never closes.
    /// </summary>
    Closing,

    /// <summary>UDP sockets holding ephemeral ports (bound or connected), never closed.</summary>
    UdpBound,
}
