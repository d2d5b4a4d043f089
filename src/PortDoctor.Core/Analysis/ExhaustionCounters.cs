namespace PortDoctor.Core.Analysis;

/// <summary>The Linux /proc/net/netstat counters (as "TcpExt.Name") that speak to port exhaustion.</summary>
public static class ExhaustionCounters
{
    /// <summary>Counters that speak to port exhaustion, with what a non-zero value means.</summary>
    public static readonly IReadOnlyDictionary<string, string> Meanings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TcpExt.TCPTimeWaitOverflow"] = "TIME_WAIT sockets dropped because net.ipv4.tcp_max_tw_buckets was reached",
        ["TcpExt.TW"] = "connections that went through TIME_WAIT (fast timer)",
        ["TcpExt.TWRecycled"] = "TIME_WAIT sockets recycled by timestamp",
        ["TcpExt.TWKilled"] = "TIME_WAIT sockets killed early",
        ["TcpExt.ListenOverflows"] = "SYNs dropped because an accept queue was full",
        ["TcpExt.TCPAbortOnMemory"] = "connections aborted for lack of memory",
        ["TcpExt.TCPAbortFailed"] = "aborts that could not send a reset",
    };
}
