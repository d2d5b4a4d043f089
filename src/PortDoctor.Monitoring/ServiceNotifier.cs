using System.Net.Sockets;
using System.Text;

namespace PortDoctor.Monitoring;

/// <summary>
/// systemd's service notifications (sd_notify(3)) for a monitor run as a <c>Type=notify</c> unit:
/// READY=1 once the history file is open, WATCHDOG=1 with a STATUS line after every sample (so
/// <c>WatchdogSec=</c> restarts a monitor whose loop hangs), STOPPING=1 on the way out. One datagram
/// each to the unix socket named by NOTIFY_SOCKET ("@name" is the abstract namespace). Written here
/// rather than taken from Microsoft.Extensions.Hosting.Systemd, which brings the whole Generic Host
/// for these few datagrams. Best effort: a notification that cannot be sent never stops the monitor.
/// </summary>
public sealed class ServiceNotifier : IDisposable
{
    public const string SocketVariable = "NOTIFY_SOCKET";

    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _target;

    private ServiceNotifier(string path)
    {
        _target = new UnixDomainSocketEndPoint(path[0] == '@' ? "\0" + path[1..] : path);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>A notifier when the service manager asked for notifications (NOTIFY_SOCKET set), else null.</summary>
    public static ServiceNotifier? FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var path = variable(SocketVariable);
        return string.IsNullOrEmpty(path) || path.Length < 2 || path[0] is not ('/' or '@') || !Socket.OSSupportsUnixDomainSockets
            ? null
            : new ServiceNotifier(path);
    }

    public void Ready(string status) => Send($"READY=1\nSTATUS={OneLine(status)}");

    public void Alive(string status) => Send($"WATCHDOG=1\nSTATUS={OneLine(status)}");

    public void Stopping() => Send("STOPPING=1");

    public void Dispose() => _socket.Dispose();

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private void Send(string message)
    {
        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(message), SocketFlags.None, _target);
        }
        catch (SocketException)
        {
            // The service manager went away or the socket is not ours to write: notifications are best effort.
        }
    }
}
