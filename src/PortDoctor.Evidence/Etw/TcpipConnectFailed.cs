using System.Net;

namespace PortDoctor.Evidence.Etw;

/// <summary>Microsoft-Windows-TCPIP 1050: "connect failed: port-acquisition status", with the 4-tuple and the PID.</summary>
internal sealed record TcpipConnectFailed(IPEndPoint? Local, IPEndPoint? Remote, uint Status, uint ProcessId);
