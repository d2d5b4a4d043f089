using System.Net;

namespace PortDoctor.Evidence.Etw;

/// <summary>Winsock-AFD 1029 AfdBindConnected / 1030 AfdBindWithAddressConnected: a bind's NTSTATUS, and its address (1030).</summary>
internal sealed record AfdBindCompleted(int EventId, ulong Endpoint, uint Status, IPEndPoint? Address);
