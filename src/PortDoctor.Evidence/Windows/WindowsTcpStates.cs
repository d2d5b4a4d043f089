namespace PortDoctor.Evidence.Windows;

/// <summary>
/// Windows' numeric TCP states: MIB_TCP_STATE 1..12 (CLOSED..DELETE_TCB) in the iphlpapi tables,
/// and the same numbers plus 100 = Bound in MSFT_NetTCPConnection (Get-NetTCPConnection).
/// </summary>
public static class WindowsTcpStates
{
    public const uint NetTcpConnectionBound = 100;

    /// <summary>A MIB_TCP_STATE or MSFT_NetTCPConnection.State value; anything else is Unknown.</summary>
    public static SocketState FromNumber(uint state) => state switch
    {
        1 => SocketState.Closed,
        2 => SocketState.Listen,
        3 => SocketState.SynSent,
        4 => SocketState.SynReceived,
        5 => SocketState.Established,
        6 => SocketState.FinWait1,
        7 => SocketState.FinWait2,
        8 => SocketState.CloseWait,
        9 => SocketState.Closing,
        10 => SocketState.LastAck,
        11 => SocketState.TimeWait,
        12 => SocketState.DeleteTcb,
        NetTcpConnectionBound => SocketState.Bound,
        _ => SocketState.Unknown,
    };
}
