using System.Net;
using System.Net.Sockets;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Probe;

namespace PortDoctor.Platform.Lab;

/// <summary>
/// The leaking application the lab runs inside its namespace: takes ports in the chosen pattern
/// until the kernel refuses (or the limit is reached), reports, then holds them until stdin
/// closes or <c>maxRun</c> passes. Bounded in count and time, so it always stops by itself.
/// </summary>
public static class LabWorkload
{
    /// <summary>TIME_WAIT churn keeps a few live connections, as a real client does (and as attribution needs).</summary>
    public const int PersistentConnections = 3;

    public const int HealthyConnections = 20;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    public static int Run(LabPattern pattern, IPEndPoint target, int limit, TimeSpan maxRun, TextWriter output, TextReader input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(maxRun);
        var held = new List<Socket>();

        // The lab never writes; its end closing (it stopped us, or it died, even by SIGKILL) ends the run, fill included.
        _ = Task.Run(() => LabServer.WaitForEndOfInput(input, stop), CancellationToken.None);
        try
        {
            var (taken, reason) = pattern switch
            {
                LabPattern.Bound => Fill(limit, held, _ => BindOnly(), stop.Token),
                LabPattern.TimeWait => Churn(target, limit, held, stop.Token),
                LabPattern.Healthy => Healthy(target, Math.Min(limit, HealthyConnections), held, stop.Token),
                _ => Fill(limit, held, token => Connect(target, token), stop.Token),
            };

            // Let FINs and the server's closes land so the states are what the pattern promises.
            Thread.Sleep(TimeSpan.FromMilliseconds(pattern == LabPattern.Bound ? 0 : 700));
            output.WriteLine($"ready pid={Environment.ProcessId} taken={taken} stop={reason}");
            output.Flush();
            // Run to failure, a churning client keeps retrying; stopped at a fill level, it holds that level.
            if (pattern == LabPattern.TimeWait && reason != "limit")
            {
                KeepChurning(target, stop.Token);
            }

            stop.Token.WaitHandle.WaitOne();
            return 0;
        }
        catch (IOException)
        {
            // The lab is gone: nobody to report to.
            return 0;
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }
    }

    private static (int Taken, string Reason) Fill(int limit, List<Socket> held, Func<CancellationToken, Socket> open, CancellationToken cancellationToken)
    {
        while (held.Count < limit)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return (held.Count, "time limit");
            }

            try
            {
                held.Add(open(cancellationToken));
            }
            catch (SocketException ex)
            {
                return (held.Count, Describe(ex));
            }
            catch (OperationCanceledException)
            {
                return (held.Count, "connect timed out");
            }
        }

        return (held.Count, "limit");
    }

    private static (int Taken, string Reason) Churn(IPEndPoint target, int limit, List<Socket> held, CancellationToken cancellationToken)
    {
        var (taken, reason) = Fill(Math.Min(PersistentConnections, limit), held, token => Connect(target, token), cancellationToken);
        if (reason != "limit")
        {
            return (taken, reason);
        }

        while (taken < limit && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                // Open, then close first: the closing side keeps the port in TIME_WAIT.
                Connect(target, cancellationToken).Dispose();
                taken++;
            }
            catch (SocketException ex)
            {
                return (taken, Describe(ex));
            }
            catch (OperationCanceledException)
            {
                return (taken, "connect timed out");
            }
        }

        return (taken, cancellationToken.IsCancellationRequested ? "time limit" : "limit");
    }

    /// <summary>
    /// A churning client does not stop at the first refusal: it retries, and takes every port whose
    /// TIME_WAIT ends (60 s on Linux). Without this the pool drains while diagnose is starting on a
    /// slow machine, and the lab shows a recovery no real churning application would allow.
    /// </summary>
    private static void KeepChurning(IPEndPoint target, CancellationToken cancellationToken)
    {
        while (!cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(20)))
        {
            try
            {
                Connect(target, cancellationToken).Dispose();
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                // Refused (no port yet) or stopping: try again at the next tick.
            }
        }
    }

    private static (int Taken, string Reason) Healthy(IPEndPoint target, int count, List<Socket> held, CancellationToken cancellationToken)
    {
        var (taken, reason) = Fill(count, held, token => Connect(target, token), cancellationToken);

        // A well-behaved client closes what it no longer needs.
        foreach (var socket in held.Take(taken / 2).ToList())
        {
            socket.Dispose();
            held.Remove(socket);
        }

        return (taken, reason);
    }

    private static Socket BindOnly()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Socket Connect(IPEndPoint target, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ConnectTimeout);
        try
        {
            socket.ConnectAsync(target, deadline.Token).AsTask().GetAwaiter().GetResult();
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Describe(SocketException ex)
    {
        var native = ProbeErrors.ToNative(ex.SocketErrorCode, OsKind.Linux);
        return $"{ProbeErrors.Classify(native, OsKind.Linux).Name}({native})";
    }
}
