using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PortDoctor.Tests.Shared;

/// <summary>
/// Real sockets on loopback in known states, for tests that read the live kernel: a listener, an
/// established pair, a half-closed pair (FIN_WAIT_2 / CLOSE_WAIT), a bound-only socket, a
/// TIME_WAIT, an IPv6 pair, an unconnected UDP socket, and a connection held by a child process.
/// Linked into several test projects (one copy, no duplication).
/// </summary>
internal sealed class LiveSockets : IDisposable
{
    private readonly List<Socket> _sockets = [];

    public LiveSockets()
    {
        Listener = Track(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        Listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Listener.Listen(64);

        (Client, Server) = Connect(Listener);
        (HalfClosedClient, HalfClosedServer) = Connect(Listener);
        HalfClosedClient.Shutdown(SocketShutdown.Send); // client FIN_WAIT_2, server CLOSE_WAIT
        // Linux delays the ACK of a FIN (~40 ms); data from the server carries it at once, so the
        // client is in FIN_WAIT_2, not still FIN_WAIT_1, when the test looks.
        var one = new byte[1];
        _ = HalfClosedServer.Receive(one);
        _ = HalfClosedServer.Send(one);
        _ = HalfClosedClient.Receive(one);

        Bound = Track(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        Bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        // The side that closes first ends in TIME_WAIT.
        var (closer, peer) = Connect(Listener);
        TimeWaitLocal = (IPEndPoint)closer.LocalEndPoint!;
        closer.Close();
        _ = peer.Receive(new byte[1]);
        peer.Close();
        WaitForState(TimeWaitLocal.Port, "06");

        Listener6 = Track(new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp));
        Listener6.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        Listener6.Listen(8);
        (Client6, _) = Connect(Listener6);

        Udp = Track(new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        Udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        // bash holds a TCP connection through /dev/tcp: a socket owned by another process.
        Child = Process.Start(new ProcessStartInfo("bash", ["-c", $"exec 3<>/dev/tcp/127.0.0.1/{Port(Listener)} && echo ready && read line"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        if (Child.StandardOutput.ReadLine() != "ready")
        {
            throw new InvalidOperationException("the child process did not connect");
        }

        ChildServer = Track(Listener.Accept());
    }

    public Socket Listener { get; }

    public Socket Client { get; }

    public Socket Server { get; }

    public Socket HalfClosedClient { get; }

    public Socket HalfClosedServer { get; }

    public Socket Bound { get; }

    public IPEndPoint TimeWaitLocal { get; }

    public Socket Listener6 { get; }

    public Socket Client6 { get; }

    public Socket Udp { get; }

    public Process Child { get; }

    /// <summary>Our side of the child's connection; its remote endpoint is the child's socket.</summary>
    public Socket ChildServer { get; }

    public static int Port(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    public static int RemotePort(Socket socket) => ((IPEndPoint)socket.RemoteEndPoint!).Port;

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        if (!Child.HasExited)
        {
            Child.Kill();
            Child.WaitForExit();
        }

        Child.Dispose();
    }

    /// <summary>
    /// The closed side reaches TIME_WAIT when the peer's FIN arrives, asynchronously: wait for it in
    /// /proc/net/tcp (plain text search, independent of the code under test), at most 2 s.
    /// </summary>
    private static void WaitForState(int localPort, string hexState)
    {
        var needle = $":{localPort:X4} ";
        for (var attempt = 0; attempt < 200; attempt++)
        {
            foreach (var line in File.ReadLines("/proc/net/tcp"))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && (fields[1] + " ").EndsWith(needle, StringComparison.Ordinal) && fields[3] == hexState)
                {
                    return;
                }
            }

            Thread.Sleep(10);
        }
    }

    private (Socket Client, Socket Server) Connect(Socket listener)
    {
        var client = Track(new Socket(listener.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        client.Connect(listener.LocalEndPoint!);
        return (client, Track(listener.Accept()));
    }

    private Socket Track(Socket socket)
    {
        _sockets.Add(socket);
        return socket;
    }
}
