using System.Net.Sockets;
using System.Text;

namespace PortDoctor.Cli.Tests.Monitor;

/// <summary>
/// The unix datagram socket a service manager gives a Type=notify service in NOTIFY_SOCKET: tests
/// read what the monitor announces (READY=1, then WATCHDOG=1 after every sample, STOPPING=1).
/// </summary>
internal sealed class ServiceManagerSocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly byte[] _buffer = new byte[4096];

    public ServiceManagerSocket()
    {
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pdn-{Guid.NewGuid():N}"[..16] + ".sock");

    /// <summary>The environment of a monitor that notifies this socket.</summary>
    public Func<string, string?> Variable => name => name == "NOTIFY_SOCKET" ? Path : null;

    /// <summary>The messages received and not yet read, without waiting.</summary>
    public List<string> Received()
    {
        var messages = new List<string>();
        while (_socket.Available > 0)
        {
            messages.Add(Encoding.UTF8.GetString(_buffer, 0, _socket.Receive(_buffer)));
        }

        return messages;
    }

    /// <summary>
    /// Waits for a message that starts with <paramref name="prefix"/> (skipping others); null when
    /// <paramref name="gaveUp"/> ends first (the monitor exited) or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<string?> WaitFor(string prefix, Task gaveUp, TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Xunit.TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            var receive = _socket.ReceiveAsync(_buffer, SocketFlags.None, limit.Token).AsTask();
            if (await Task.WhenAny(receive, gaveUp) != receive)
            {
                await limit.CancelAsync();
                return null;
            }

            int length;
            try
            {
                length = await receive;
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            var message = Encoding.UTF8.GetString(_buffer, 0, length);
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                return message;
            }
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        File.Delete(Path);
    }
}
