namespace PortDoctor.Core.Model;

public enum TransportProtocol
{
    Tcp,
    Udp,
}
