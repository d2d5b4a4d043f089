using System.Diagnostics;
using System.Text.RegularExpressions;
using PortDoctor.Cli.Tests.Lab;

namespace PortDoctor.Cli.Tests.Metrics;

/// <summary>
/// Two throw-away namespaces joined by a veth pair, as a fleet's Prometheus reaches a host: the
/// host (`pdm-h-*`: a leaking workload and `portdoctor monitor --metrics` on 10.231.0.2:9464, its
/// range narrowed to <see cref="RangeSize"/> ports) and Prometheus's (`pdm-p-*`, 10.231.0.1) with
/// the shipped rules, their `for:` shortened to seconds. Everything it started is killed and both
/// namespaces deleted on dispose.
/// </summary>
internal sealed partial class ScrapeLab : IDisposable
{
    public const int RangeSize = 500;

    private const string LeakScript = """
        import socket, sys, threading, time
        srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", 7000)); srv.listen(4096)
        accepted, held, stop, full = [], [], threading.Event(), threading.Event()
        def serve():
            while True:
                try: accepted.append(srv.accept()[0])
                except OSError: return
        def leak():
            while not stop.is_set():
                try: held.append(socket.create_connection(("127.0.0.1", 7000), timeout=2))
                except OSError as e:
                    if not full.is_set(): full.set(); print("full", len(held), e, flush=True)
                time.sleep(float(sys.argv[1]))
        threading.Thread(target=serve, daemon=True).start()
        threading.Thread(target=leak, daemon=True).start()
        print("leaking", flush=True)
        for line in sys.stdin:
            if line.strip() == "stop":
                stop.set(); time.sleep(0.5)
                for c in accepted: c.close()
                time.sleep(0.2)
                for c in held: c.close()
                print("stopped", len(held), flush=True)
        """;

    private readonly List<Process> _processes = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();
    private Process? _client;
    private readonly string _folder = Directory.CreateTempSubdirectory("pdm-e2e-").FullName;

    public ScrapeLab()
    {
        var id = $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..4]}";
        Host = $"pdm-h-{id}";
        Prometheus = $"pdm-p-{id}";
    }

    public string Host { get; }

    public string Prometheus { get; }

    public Process? Leak { get; private set; }

    /// <summary>Every line the started processes printed, tagged, for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    public bool Printed(string tag, string text) => _log.Any(l => l.StartsWith(tag + ": " + text, StringComparison.Ordinal));

    public void CreateNamespaces()
    {
        Ip("netns", "add", Host);
        Ip("netns", "add", Prometheus);
        Ip("-n", Host, "link", "set", "lo", "up");
        Ip("-n", Prometheus, "link", "set", "lo", "up");
        Ip("-n", Prometheus, "link", "add", "vp", "type", "veth", "peer", "name", "vh", "netns", Host);
        Ip("-n", Prometheus, "addr", "add", "10.231.0.1/30", "dev", "vp");
        Ip("-n", Host, "addr", "add", "10.231.0.2/30", "dev", "vh");
        Ip("-n", Prometheus, "link", "set", "vp", "up");
        Ip("-n", Host, "link", "set", "vh", "up");
        Ip("netns", "exec", Host, "sysctl", "-qw", $"net.ipv4.ip_local_port_range=40000 {40000 + RangeSize - 1}");
    }

    /// <summary>The leak: one connection every <paramref name="every"/>, held, toward a server of its own in the host namespace.</summary>
    public void StartLeak(TimeSpan every) =>
        Leak = Start("leak", "ip", "netns", "exec", Host, "python3", "-u", "-c", LeakScript, every.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));

    public Process StartMonitor(params string[] extra) =>
        Start("monitor", "ip", ["netns", "exec", Host, LabProcess.Binary, "monitor", "--interval", "1s", "--quiet", "--db", Path.Combine(_folder, "history.db"), "--metrics", "10.231.0.2:9464", .. extra]);

    /// <summary>Debian's prometheus in its namespace, on its loopback, scraping and evaluating every second.</summary>
    public Process StartPrometheus(string binary, string rules)
    {
        File.WriteAllText(Path.Combine(_folder, "rules.yml"), ForRegex().Replace(rules, "for: 5s"));
        File.WriteAllText(Path.Combine(_folder, "prometheus.yml"), """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files: [rules.yml]
            scrape_configs:
              - job_name: portdoctor
                static_configs: [{targets: ["10.231.0.2:9464"]}]
            """);
        return Start("prometheus", "ip", "netns", "exec", Prometheus, binary, $"--config.file={Path.Combine(_folder, "prometheus.yml")}",
            $"--storage.tsdb.path={Path.Combine(_folder, "data")}", "--web.listen-address=127.0.0.1:9090", "--log.level=warn");
    }

    /// <summary>
    /// GET on Prometheus's HTTP API from inside its namespace, through one python3 process started
    /// there once (a process per request took seconds on a loaded machine); null when Prometheus
    /// does not answer (yet).
    /// </summary>
    public string? Api(string pathAndQuery)
    {
        if (_client is null)
        {
            _client = Start(null, "ip", "netns", "exec", Prometheus, "python3", "-u", "-c", """
                import sys, urllib.request
                for url in sys.stdin:
                    try: body = urllib.request.urlopen(url.strip(), timeout=5).read().decode().replace("\n", " ")
                    except Exception: body = ""
                    print(body, flush=True)
                """);
        }

        _client.StandardInput.WriteLine("http://127.0.0.1:9090" + pathAndQuery);
        _client.StandardInput.Flush();
        var line = _client.StandardOutput.ReadLine();
        return string.IsNullOrEmpty(line) ? null : line;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        LabProcess.RunTool("ip", "netns", "delete", Host);
        LabProcess.RunTool("ip", "netns", "delete", Prometheus);
        Directory.Delete(_folder, recursive: true);
    }

    private static void Ip(params string[] args)
    {
        var (code, _, error) = LabProcess.RunTool("ip", args);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)}: {error}");
        }
    }

    /// <summary>Starts a process; its output goes to <see cref="Log"/> under <paramref name="tag"/>, or stays for the caller to read when the tag is null.</summary>
    private Process Start(string? tag, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(tag!, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(tag ?? "api", e.Data);
        process.Start();
        if (tag is not null)
        {
            process.BeginOutputReadLine();
        }

        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    private void Keep(string tag, string? line)
    {
        if (line is not null)
        {
            _log.Enqueue($"{tag}: {line}");
        }
    }

    [GeneratedRegex(@"for: \d+[smh]")]
    private static partial Regex ForRegex();
}
