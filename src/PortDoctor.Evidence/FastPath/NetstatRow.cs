using System.Runtime.InteropServices;

namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// One netstat socket row as numbers: what a block of a periodic log keeps per row, so that only
/// the block that is analysed is ever turned into <see cref="SocketEntry"/> objects. A row the
/// general path parsed (IPv6, a host name, a translated state) is kept as that path's entry and
/// referenced by <see cref="Entry"/>.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct NetstatRow
{
    public const byte HadPidFlag = 1;
    public const byte RemoteAnyFlag = 2;

    public uint LocalAddress;
    public uint RemoteAddress;

    /// <summary>Owning PID; 0 when the row named none (TIME_WAIT, no PID column).</summary>
    public int Pid;

    /// <summary>-1: the socket is the fields of this row; else the index of an entry the general path parsed.</summary>
    public int Entry;

    /// <summary>-1: no exe name; else its index in the reader's table of names from -b lines.</summary>
    public int Name;

    public ushort LocalPort;
    public ushort RemotePort;
    // Kept as bytes (the enums are ints): rows are written by the chunk workers and copied by the reading thread,
    // millions of them in a large log.
    private byte _protocol;
    private byte _state;
    public byte Flags;

    public TransportProtocol Protocol
    {
        readonly get => (TransportProtocol)_protocol;
        set => _protocol = (byte)value;
    }

    public SocketState State
    {
        readonly get => (SocketState)_state;
        set => _state = (byte)value;
    }

    public readonly bool HadPid => (Flags & HadPidFlag) != 0;
}
