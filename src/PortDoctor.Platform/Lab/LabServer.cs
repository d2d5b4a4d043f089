using System.Net;
using System.Net.Sockets;

namespace PortDoctor.Platform.Lab;

/// <summary>
/// The peer the lab workload connects to, run as its own process inside the namespace so the
/// workload's sockets are the only client-side ones. Stops when stdin closes or after maxRun.
/// </summary>
public static class LabServer
{
    public static int Run(int port, LabServerMode mode, TimeSpan maxRun, TextWriter output, TextReader input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(maxRun);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(4096);
        var held = new List<Socket>();
        _ = Task.Run(() => WaitForEndOfInput(input, stop), CancellationToken.None);
        var accepting = Task.Run(() => AcceptLoop(listener, mode, held, stop.Token), CancellationToken.None);
        output.WriteLine($"ready pid={Environment.ProcessId} port={port}");
        output.Flush();
        try
        {
            accepting.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped by stdin, the time limit or Ctrl+C: all the same here.
        }

        lock (held)
        {
            held.ForEach(s => s.Dispose());
        }

        return 0;
    }

    private static async Task AcceptLoop(Socket listener, LabServerMode mode, List<Socket> held, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            switch (mode)
            {
                case LabServerMode.CloseAtOnce:
                    client.Dispose();
                    break;
                case LabServerMode.CloseAfterPeer:
                    _ = CloseAfterPeer(client, cancellationToken);
                    break;
                default:
                    lock (held)
                    {
                        held.Add(client);
                    }

                    break;
            }
        }
    }

    private static async Task CloseAfterPeer(Socket client, CancellationToken cancellationToken)
    {
        using (client)
        {
            var buffer = new byte[64];
            try
            {
                while (await client.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                // Reset or stopping: nothing to close gracefully.
            }
        }
    }

    internal static void WaitForEndOfInput(TextReader input, CancellationTokenSource stop)
    {
        try
        {
            while (input.ReadLine() is not null)
            {
            }
        }
        catch (IOException)
        {
            // A broken pipe means the lab is gone: stop too.
        }

        stop.Cancel();
    }
}
