namespace PortDoctor.Evidence.Etw;

/// <summary>Winsock-AFD 1000 AfdCreateOpen: a socket (Endpoint) made by a process; the join key of later binds.</summary>
internal sealed record AfdEndpointCreated(ulong Endpoint, uint ProcessId, uint AddressFamily, uint Status);
