using System.Diagnostics;

namespace PortDoctor.Platform.Tests.Linux;

/// <summary>
/// A python process in a network namespace holding loopback connection pairs, told over stdin to
/// open, close or swap (close one pair, open one: the same fd count) them; each command is done when it answers.
/// </summary>
internal sealed class SocketWorker : IDisposable
{
    private const string Script = """
        import resource, socket, sys
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY and hard < 8192 else max(soft, 8192), hard))
        srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(512); pairs = []
        def open_pairs(n):
            for _ in range(n):
                c = socket.create_connection(srv.getsockname()); pairs.append((c, srv.accept()[0]))
        def close_pairs(n):
            for _ in range(n):
                for s in pairs.pop(0): s.close()
        for line in sys.stdin:
            verb, n = line.split()
            if verb == "open": open_pairs(int(n))
            if verb == "close": close_pairs(int(n))
            if verb == "swap":
                for _ in range(int(n)): close_pairs(1); open_pairs(1)
            print("ok", flush=True)
        """;

    private readonly Process _process;

    public SocketWorker(string netns, int pairs)
    {
        _process = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", netns, "python3", "-u", "-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        Tell("open", pairs);
    }

    /// <summary>`ip netns exec` execs python: this is the PID that holds the sockets.</summary>
    public int Pid => _process.Id;

    public void Tell(string verb, int count)
    {
        _process.StandardInput.WriteLine($"{verb} {count}");
        _process.StandardInput.Flush();
        var answer = _process.StandardOutput.ReadLine();
        if (answer != "ok")
        {
            throw new InvalidOperationException($"socket worker {Pid}: {verb} {count} answered {answer ?? "nothing (exited)"}");
        }
    }

    public void Exit()
    {
        _process.StandardInput.Close();
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
