using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PortDoctor.Core.Model;

namespace PortDoctor.Platform.Probe;

/// <summary>
/// The guide's step 1, without leaving the machine by default: bind port 0 (TCP and UDP), and
/// connect to a loopback listener of its own. Extra targets are connected to once each. Every socket closes
/// with a reset (linger 0) so the test leaves no TIME_WAIT behind.
/// </summary>
internal sealed class OutboundProbe(OsKind os, TimeSpan timeout)
{
    public const string BindTarget = "bind 127.0.0.1:0";
    public const string LoopbackTarget = "connect to a loopback listener";

    /// <summary>The loopback test's listener could not bind port 0: no connect was tried (said so, not "connect failed").</summary>
    public const string LoopbackListenTarget = "listen on 127.0.0.1:0 (for the loopback connect test)";
    public const string UdpBindTarget = "bind udp 127.0.0.1:0";

    public IReadOnlyList<ProbeResult> Run(IEnumerable<ProbeTarget> targets, CancellationToken cancellationToken)
    {
        var results = new List<ProbeResult> { Bind(SocketType.Stream, ProtocolType.Tcp, BindTarget), Loopback(cancellationToken) };
        foreach (var target in targets)
        {
            results.Add(Connect(target, cancellationToken));
        }

        // Last, so the TCP tests and the user's targets keep their places in the list.
        results.Add(Bind(SocketType.Dgram, ProtocolType.Udp, UdpBindTarget));

        return results;
    }

    /// <summary>Bind port 0: TCP for the TCP pool, UDP (a datagram socket) for the UDP pool.</summary>
    private ProbeResult Bind(SocketType type, ProtocolType protocol, string target)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return new ProbeResult(target, ProbeOutcome.Succeeded) { Elapsed = clock.Elapsed };
        }
        catch (SocketException ex)
        {
            return Failed(target, ex.SocketErrorCode, clock);
        }
    }

    private ProbeResult Loopback(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Socket listener;
        try
        {
            listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
        }
        catch (SocketException ex)
        {
            // The listener needs a port of the range too: failing here is the same finding, about a bind.
            return Failed(LoopbackListenTarget, ex.SocketErrorCode, clock);
        }

        using (listener)
        {
            var endpoint = (IPEndPoint)listener.LocalEndPoint!;
            return Connect(LoopbackTarget, [endpoint.Address], endpoint.Port, clock, cancellationToken);
        }
    }

    private ProbeResult Connect(ProbeTarget target, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IPAddress[] addresses;
        if (IPAddress.TryParse(target.Host, out var address))
        {
            // ::ffff:a.b.c.d is an IPv4 peer seen by a dual-stack socket: reach it over IPv4.
            addresses = [address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address];
        }
        else
        {
            // Resolved on a thread of its own, not the pool's (the probe may run in another namespace:
            // OwnThreads), given up after the timeout (the thread ends when the resolver answers).
            var resolving = OwnThreads.Start("resolve", () => Dns.GetHostAddresses(target.Host));
            try
            {
                var deadline = clock.Elapsed + timeout;
                while (!resolving.TryJoin(TimeSpan.FromMilliseconds(100), out addresses))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (clock.Elapsed >= deadline)
                    {
                        return new ProbeResult(target.ToString(), ProbeOutcome.OtherError) { ErrorName = $"name not resolved within {timeout.TotalSeconds:0.#} s", Elapsed = clock.Elapsed };
                    }
                }
            }
            catch (SocketException ex)
            {
                return new ProbeResult(target.ToString(), ProbeOutcome.OtherError) { ErrorName = $"name not resolved: {ex.Message}", Elapsed = clock.Elapsed };
            }
        }

        return Connect(target.ToString(), addresses, target.Port, clock, cancellationToken);
    }

    private ProbeResult Connect(string name, IPAddress[] addresses, int port, Stopwatch clock, CancellationToken cancellationToken)
    {
        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        if (address is null)
        {
            return new ProbeResult(name, ProbeOutcome.OtherError) { ErrorName = "no address", Elapsed = clock.Elapsed };
        }

        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.LingerState = new LingerOption(true, 0);

        // Non-blocking connect and poll: no async engine to start for three quick tests.
        socket.Blocking = false;
        try
        {
            socket.Connect(new IPEndPoint(address, port));
            return new ProbeResult(name, ProbeOutcome.Succeeded) { Elapsed = clock.Elapsed };
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // Under way: wait below.
        }
        catch (SocketException ex)
        {
            return Failed(name, ex.SocketErrorCode, clock);
        }

        var deadline = clock.Elapsed + timeout;
        while (!socket.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectWrite))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (clock.Elapsed >= deadline)
            {
                return new ProbeResult(name, ProbeOutcome.TimedOut) { ErrorName = $"no answer within {timeout.TotalSeconds:0.#} s", Elapsed = clock.Elapsed };
            }
        }

        var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        return error == SocketError.Success
            ? new ProbeResult(name, ProbeOutcome.Succeeded) { Elapsed = clock.Elapsed }
            : Failed(name, error, clock);
    }

    private ProbeResult Failed(string name, SocketError error, Stopwatch clock)
    {
        var native = ProbeErrors.ToNative(error, os);
        var (outcome, errorName) = ProbeErrors.Classify(native, os);
        return new ProbeResult(name, outcome) { NativeError = native, ErrorName = errorName, Elapsed = clock.Elapsed };
    }
}
