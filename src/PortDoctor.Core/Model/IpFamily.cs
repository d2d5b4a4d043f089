namespace PortDoctor.Core.Model;

public enum IpFamily
{
    IPv4,
    IPv6,
}
