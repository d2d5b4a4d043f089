using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Output.Connections;

/// <summary>One row of `connections`: a socket (Count 1), or sockets a source gave only as a count (no addresses).</summary>
internal sealed record ConnectionRow(SocketEntry Socket, int Count, bool Counted)
{
    public static ConnectionRow Of(SocketEntry socket) => new(socket, 1, false);

    public static ConnectionRow Of(SocketCount counted) => new(
        new SocketEntry(counted.Protocol, IpFamily.IPv4, counted.State, Endpoint.Counted, Endpoint.Counted) { Pid = counted.Pid, ProcessName = counted.ProcessName },
        counted.Count,
        true);
}
