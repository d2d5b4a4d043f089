using System.Net;
using System.Net.Sockets;
using System.Text;
using PortDoctor.Core;

namespace PortDoctor.Monitoring.Exporter;

/// <summary>
/// The `/metrics` endpoint: a listening socket bound when the monitor starts, so scrapes keep being
/// answered while the host has no ephemeral port left (accepting a connection takes none). A plain
/// HTTP/1.1 responder of our own rather than HttpListener: HttpListener matches the request's Host
/// header against its prefix, so a listener on 127.0.0.1 would refuse a scrape of `localhost:9464`
/// or one through a DNS name, and its wildcard prefix binds every interface.
/// </summary>
public sealed class MetricsListener : IAsyncDisposable
{
    /// <summary>Scrapes served at once; more wait in the kernel's backlog.</summary>
    private const int MaxConcurrent = 4;

    private const int MaxRequestBytes = 8 * 1024;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly Func<Stream, CancellationToken, Task> _writeMetrics;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots = new(MaxConcurrent);
    private readonly Task _loop;

    private MetricsListener(Socket socket, Func<Stream, CancellationToken, Task> writeMetrics)
    {
        _socket = socket;
        _writeMetrics = writeMetrics;
        _loop = Task.Run(AcceptLoop);
    }

    /// <summary>Where it listens (the port the kernel chose when 0 was asked).</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Binds and listens now; a port in use or an address not on this machine is one line (69, 77 for a privileged port).</summary>
    public static MetricsListener Start(IPEndPoint endPoint, Func<Stream, CancellationToken, Task> writeMetrics)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(endPoint);
            socket.Listen(64);
            return new MetricsListener(socket, writeMetrics);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            var code = ex.SocketErrorCode == SocketError.AccessDenied ? ExitCode.NoPermission : ExitCode.Unavailable;
            var why = ex.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "the port is in use",
                SocketError.AddressNotAvailable => "not an address of this machine",
                SocketError.AccessDenied => "permission denied (ports below 1024 need root)",
                _ => ex.Message,
            };
            throw new PortDoctorException($"--metrics {Display(endPoint)}: cannot listen: {why}", code);
        }
    }

    public static string Display(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : endPoint.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _slots.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
                client = await _socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException && _stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset before it was accepted: the next one is served.
                _slots.Release();
                continue;
            }

            _ = Serve(client);
        }
    }

    private async Task Serve(Socket client)
    {
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            deadline.CancelAfter(RequestTimeout);
            await using var stream = new NetworkStream(client, ownsSocket: true);
            var request = await ReadRequestHead(stream, deadline.Token).ConfigureAwait(false);
            await Respond(stream, request, deadline.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One bad or vanished scraper must not stop the endpoint; the next scrape is served.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            _slots.Release();
        }
    }

    private static async Task<string> ReadRequestHead(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        var text = Encoding.ASCII.GetString(buffer, 0, length);
        var end = text.IndexOf('\r', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private async Task Respond(NetworkStream stream, string requestLine, CancellationToken cancellationToken)
    {
        var parts = requestLine.Split(' ');
        var method = parts.Length == 3 ? parts[0] : "";
        var path = parts.Length == 3 ? parts[1].Split('?')[0] : "";
        if (method is not ("GET" or "HEAD"))
        {
            await WriteResponse(stream, "405 Method Not Allowed", "text/plain; charset=utf-8", "GET /metrics\n"u8.ToArray(), head: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (path is not ("/metrics" or "/metrics/"))
        {
            await WriteResponse(stream, "404 Not Found", "text/plain; charset=utf-8", "portdoctor serves /metrics\n"u8.ToArray(), method == "HEAD", cancellationToken).ConfigureAwait(false);
            return;
        }

        using var body = new MemoryStream();
        await _writeMetrics(body, cancellationToken).ConfigureAwait(false);
        await WriteResponse(stream, "200 OK", "text/plain; version=0.0.4; charset=utf-8", body.ToArray(), method == "HEAD", cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteResponse(NetworkStream stream, string status, string contentType, byte[] body, bool head, CancellationToken cancellationToken)
    {
        var header = $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(header), cancellationToken).ConfigureAwait(false);
        if (!head)
        {
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
