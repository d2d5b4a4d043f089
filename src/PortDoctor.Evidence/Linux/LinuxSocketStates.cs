namespace PortDoctor.Evidence.Linux;

/// <summary>
/// The kernel's TCP state numbers (include/net/tcp_states.h), shared by /proc/net and sock_diag.
/// </summary>
public static class LinuxSocketStates
{
    public const int Close = 7;

    /// <summary>
    /// Maps a kernel state to ours. TCP CLOSE with a local port is a bound-only socket (BOUND);
    /// UDP uses ESTABLISHED for a connected socket and CLOSE for an unconnected one (ss's UNCONN).
    /// </summary>
    public static SocketState ToSocketState(int kernelState, TransportProtocol protocol, int localPort)
    {
        if (protocol == TransportProtocol.Udp)
        {
            return kernelState switch
            {
                1 => SocketState.Established,
                Close => SocketState.Unconnected,
                _ => SocketState.Unknown,
            };
        }

        return kernelState switch
        {
            1 => SocketState.Established,
            2 => SocketState.SynSent,
            3 or 12 => SocketState.SynReceived, // 12 = TCP_NEW_SYN_RECV (request sockets)
            4 => SocketState.FinWait1,
            5 => SocketState.FinWait2,
            6 => SocketState.TimeWait,
            Close => localPort != 0 ? SocketState.Bound : SocketState.Closed,
            8 => SocketState.CloseWait,
            9 => SocketState.LastAck,
            10 => SocketState.Listen,
            11 => SocketState.Closing,
            _ => SocketState.Unknown,
        };
    }
}
