namespace PortDoctor.Core.Model;

/// <summary>The one spelling of each state that output uses, and the spellings input may use.</summary>
public static class SocketStateNames
{
    /// <summary>netstat's spelling (TIME_WAIT, CLOSE_WAIT, BOUND, ...); UDP without a peer is UNCONN.</summary>
    public static string ToDisplayName(this SocketState state) => state switch
    {
        SocketState.Established => "ESTABLISHED",
        SocketState.SynSent => "SYN_SENT",
        SocketState.SynReceived => "SYN_RECEIVED",
        SocketState.FinWait1 => "FIN_WAIT_1",
        SocketState.FinWait2 => "FIN_WAIT_2",
        SocketState.TimeWait => "TIME_WAIT",
        SocketState.Closed => "CLOSED",
        SocketState.CloseWait => "CLOSE_WAIT",
        SocketState.LastAck => "LAST_ACK",
        SocketState.Listen => "LISTEN",
        SocketState.Closing => "CLOSING",
        SocketState.Bound => "BOUND",
        SocketState.DeleteTcb => "DELETE_TCB",
        SocketState.Unconnected => "UNCONN",
        _ => "UNKNOWN",
    };

    /// <summary>
    /// Accepts netstat (TIME_WAIT, FIN_WAIT_2, LISTENING), ss (TIME-WAIT, ESTAB, SYN-RECV, UNCONN),
    /// PowerShell (TimeWait, Listen) and kebab-case (time-wait) spellings, case-insensitively.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SocketState state)
    {
        Span<char> buffer = stackalloc char[24];
        var length = 0;
        foreach (var c in text)
        {
            if (c is '_' or '-' or ' ')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                state = SocketState.Unknown;
                return false;
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        state = buffer[..length] switch
        {
            "ESTABLISHED" or "ESTAB" => SocketState.Established,
            "SYNSENT" => SocketState.SynSent,
            "SYNRECEIVED" or "SYNRECV" or "SYNRCVD" => SocketState.SynReceived,
            "FINWAIT1" => SocketState.FinWait1,
            "FINWAIT2" => SocketState.FinWait2,
            "TIMEWAIT" => SocketState.TimeWait,
            "CLOSED" or "CLOSE" => SocketState.Closed,
            "CLOSEWAIT" => SocketState.CloseWait,
            "LASTACK" => SocketState.LastAck,
            "LISTEN" or "LISTENING" => SocketState.Listen,
            "CLOSING" => SocketState.Closing,
            "BOUND" => SocketState.Bound,
            "DELETETCB" => SocketState.DeleteTcb,
            "UNCONN" or "UNCONNECTED" => SocketState.Unconnected,
            _ => SocketState.Unknown,
        };
        return state != SocketState.Unknown;
    }
}
