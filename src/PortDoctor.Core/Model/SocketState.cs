namespace PortDoctor.Core.Model;

/// <summary>
/// TCP states as netstat names them, plus <see cref="Bound"/> (a TCP socket bound to a local
/// port but neither listening nor connected: Windows <c>netstat -q</c>'s BOUND, Linux state CLOSE
/// with a non-zero port) and <see cref="Unconnected"/> (a UDP socket with no peer, ss's UNCONN).
/// </summary>
public enum SocketState
{
    Unknown,
    Established,
    SynSent,
    SynReceived,
    FinWait1,
    FinWait2,
    TimeWait,
    Closed,
    CloseWait,
    LastAck,
    Listen,
    Closing,
    Bound,
    DeleteTcb,
    Unconnected,
}
