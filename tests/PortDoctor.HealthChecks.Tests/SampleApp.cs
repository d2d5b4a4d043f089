using System.Diagnostics;
using System.Text.Json;

namespace PortDoctor.HealthChecks.Tests;

/// <summary>samples/HealthChecksSample as built with the tests (same configuration), running in a namespace.</summary>
internal sealed class SampleApp : IDisposable
{
    private readonly HealthNamespace _ns;
    private readonly Process _process;
    private readonly Task<string> _errors;

    public SampleApp(HealthNamespace ns, int port)
    {
        _ns = ns;
        Port = port;
        _process = ns.Start("dotnet", Path, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _ = _process.StandardOutput.ReadToEndAsync();
        _errors = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>The sample's build output beside this test's (tests/X/bin/Release/net10.0 -> samples/HealthChecksSample/bin/Release/net10.0).</summary>
    public static string Path
    {
        get
        {
            var testOutput = AppContext.BaseDirectory.TrimEnd('/');
            var marker = $"{System.IO.Path.DirectorySeparatorChar}tests{System.IO.Path.DirectorySeparatorChar}PortDoctor.HealthChecks.Tests{System.IO.Path.DirectorySeparatorChar}";
            var at = testOutput.LastIndexOf(marker, StringComparison.Ordinal);
            var path = System.IO.Path.Combine(
                testOutput[..at], "samples", "HealthChecksSample", testOutput[(at + marker.Length)..], "HealthChecksSample.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"the sample is not built at {path} (the test project builds it)");
        }
    }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary>GET /health from inside the namespace: the HTTP code and the JSON body; null while nothing answers.</summary>
    public (int Code, JsonElement Body)? Get()
    {
        var (code, output, _) = _ns.Exec("curl", "-s", "-m", "10", "-w", "\n%{http_code}", $"http://127.0.0.1:{Port}/health");
        var cut = output.LastIndexOf('\n');
        if (code != 0 || cut < 0 || !int.TryParse(output[(cut + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var http))
        {
            return null;
        }

        using var json = JsonDocument.Parse(output[..cut]);
        return (http, json.RootElement.Clone());
    }

    /// <summary>Probes once a second until the status is <paramref name="status"/>; fails with the last answer after the deadline.</summary>
    public JsonElement WaitFor(string status, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        (int Code, JsonElement Body)? last = null;
        while (clock.Elapsed < deadline)
        {
            Assert.False(_process.HasExited, "the sample exited: " + (_process.HasExited ? _errors.Result : ""));
            last = Get() ?? last;
            if (last is { } answer && answer.Body.GetProperty("status").GetString() == status)
            {
                return answer.Body;
            }

            Thread.Sleep(1000);
        }

        Assert.Fail($"no {status} within {deadline.TotalSeconds:0} s; last answer: {(last is { } a ? $"{a.Code} {a.Body}" : "none")}");
        return default;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
