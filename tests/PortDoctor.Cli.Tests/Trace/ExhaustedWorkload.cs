using System.Diagnostics;
using System.Globalization;
using PortDoctor.Cli.Tests.Ranges;

namespace PortDoctor.Cli.Tests.Trace;

/// <summary>
/// A python workload in a namespace with a 10-port range: it takes every port, then on "go" makes a
/// known number of connects (EADDRNOTAVAIL) and binds to a port in use (EADDRINUSE) and prints how
/// many failed with which errno; the next line on stdin ends it.
/// </summary>
internal sealed class ExhaustedWorkload : IDisposable
{
    private const string Script = """
        import os, socket, sys
        connects, binds = int(sys.argv[1]), int(sys.argv[2])
        server = socket.socket(); server.bind(('127.0.0.1', 5000)); server.listen(1000)
        held = []
        while True:
            s = socket.socket()
            try:
                s.connect(('127.0.0.1', 5000)); held.append(s)
            except OSError as e:
                s.close()
                if e.errno != 99: raise
                break
        print(os.getpid(), len(held), flush=True)
        sys.stdin.readline()
        failed_connects = failed_binds = 0
        for _ in range(connects):
            s = socket.socket()
            try: s.connect(('127.0.0.1', 5000))
            except OSError as e: failed_connects += e.errno == 99
            s.close()
        for _ in range(binds):
            s = socket.socket()
            try: s.bind(('127.0.0.1', 5000))
            except OSError as e: failed_binds += e.errno == 98
            s.close()
        print(failed_connects, failed_binds, flush=True)
        sys.stdin.readline()
        """;

    private readonly NetworkNamespace _namespace;
    private readonly Process _process;

    private ExhaustedWorkload(NetworkNamespace ns, Process process, int pid)
    {
        _namespace = ns;
        _process = process;
        Pid = pid;
    }

    public int Pid { get; }

    public NetworkNamespace Namespace => _namespace;

    public static ExhaustedWorkload Start(int connects, int binds)
    {
        var ns = NetworkNamespace.Create();
        ns.Exec("ip", "link", "set", "lo", "up");
        ns.WriteSysctl("net.ipv4.ip_local_port_range", "40000 40009");
        var start = new ProcessStartInfo("ip", ["netns", "exec", ns.Name, "python3", "-c", Script, Number(connects), Number(binds)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        var ready = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the workload ended before filling the range");
        return new ExhaustedWorkload(ns, process, int.Parse(ready.Split(' ')[0], CultureInfo.InvariantCulture));
    }

    /// <summary>Makes the failing calls; returns how many connects and binds failed with the port errno.</summary>
    public (int Connects, int Binds) Fail()
    {
        _process.StandardInput.WriteLine("go");
        var counts = (_process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the workload ended early")).Split(' ');
        return (int.Parse(counts[0], CultureInfo.InvariantCulture), int.Parse(counts[1], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
        _process.Dispose();
        _namespace.Dispose();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
