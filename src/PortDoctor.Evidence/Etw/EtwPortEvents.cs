namespace PortDoctor.Evidence.Etw;

/// <summary>
/// Pure decoders of the ETW payloads that show a failed port allocation, field by field in the
/// order of the providers' manifests (Microsoft-Windows-Winsock-AFD {E53C6823-7BB8-44BB-90DC-3F86090D48A6}
/// events 1000/1029/1030, Microsoft-Windows-TCPIP {2F07E2EE-15DB-40F1-90EF-9D7BA282188A} event 1050).
/// The Windows tracer (a live session or an ETL) hands them each event's user data.
/// </summary>
internal static class EtwPortEvents
{
    public static readonly Guid AfdProvider = new("E53C6823-7BB8-44BB-90DC-3F86090D48A6");
    public static readonly Guid TcpipProvider = new("2F07E2EE-15DB-40F1-90EF-9D7BA282188A");

    /// <summary>NTSTATUS STATUS_TOO_MANY_ADDRESSES, the guide's Netmon filter "Status ... == 0x209".</summary>
    public const uint StatusTooManyAddresses = 0xC0000209;

    /// <summary>{EnterExit u32, Location u32, Process ptr, Endpoint ptr, AddressFamily u32, SocketType u32, Protocol u32, ProcessId u64, Status u32}.</summary>
    public static AfdEndpointCreated AfdCreateOpen(ReadOnlySpan<byte> payload, int pointerSize)
    {
        var r = new EtwPayloadReader(payload, pointerSize, "AFD event 1000");
        r.UInt32("EnterExit");
        r.UInt32("Location");
        r.Pointer("Process");
        var endpoint = r.Pointer("Endpoint");
        var family = r.UInt32("AddressFamily");
        r.UInt32("SocketType");
        r.UInt32("Protocol");
        var pid = r.UInt64("ProcessId");
        return new AfdEndpointCreated(endpoint, (uint)pid, family, r.UInt32("Status"));
    }

    /// <summary>1029 {EnterExit, Location, Process ptr, Endpoint ptr, Status}; 1030 the same then {AddressLen u32, Address}.</summary>
    public static AfdBindCompleted AfdBind(int eventId, ReadOnlySpan<byte> payload, int pointerSize)
    {
        var r = new EtwPayloadReader(payload, pointerSize, $"AFD event {eventId}");
        r.UInt32("EnterExit");
        r.UInt32("Location");
        r.Pointer("Process");
        var endpoint = r.Pointer("Endpoint");
        var status = r.UInt32("Status");
        var address = eventId == 1030 ? r.SocketAddress("Address") : null;
        return new AfdBindCompleted(eventId, endpoint, status, address);
    }

    /// <summary>{LocalAddressLength u32, LocalAddress, RemoteAddressLength u32, RemoteAddress, Status u32, ProcessId u32, Compartment u32, Tcb u64}.</summary>
    public static TcpipConnectFailed TcpipConnectFailure(ReadOnlySpan<byte> payload)
    {
        var r = new EtwPayloadReader(payload, 8, "TCPIP event 1050");
        var local = r.SocketAddress("LocalAddress");
        var remote = r.SocketAddress("RemoteAddress");
        var status = r.UInt32("Status");
        return new TcpipConnectFailed(local, remote, status, r.UInt32("ProcessId"));
    }
}
