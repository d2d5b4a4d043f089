namespace PortDoctor.Evidence.Windows;

/// <summary>
/// The state of a Unix netstat row (net-tools and BSD alike): the State column when it names one;
/// UDP rows have none (UNCONN without a peer, else connected); a TCP row without one is damaged.
/// A bound-only TCP socket shows as CLOSE with a port: BOUND.
/// </summary>
internal static class NetstatRowState
{
    public static bool TryResolve(bool named, SocketState parsed, TransportProtocol protocol, Endpoint local, Endpoint remote, out SocketState state)
    {
        state = named ? parsed
            : protocol == TransportProtocol.Udp ? (remote.Port == 0 ? SocketState.Unconnected : SocketState.Established)
            : SocketState.Unknown;
        if (!named && protocol == TransportProtocol.Tcp)
        {
            return false;
        }

        if (protocol == TransportProtocol.Tcp && state == SocketState.Closed && local.Port != 0)
        {
            state = SocketState.Bound;
        }

        return true;
    }
}
