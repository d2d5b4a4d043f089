using System.Net;
using System.Net.Sockets;
using PortDoctor.Cli.Tests.Monitor;
using PortDoctor.Core.Model;
using PortDoctor.Platform;
using Xunit;

namespace PortDoctor.Cli.Tests.Metrics;

public sealed class MetricsScrapeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pd-metrics-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>
    /// Scraped once the monitor announces its first sample (WATCHDOG=1 to NOTIFY_SOCKET, sent after
    /// the exporter has the sample), then stopped as SIGTERM stops it: no window on the real clock
    /// (a fixed --duration ran out under load before a poll saw the first sample).
    /// </summary>
    [Fact]
    public async Task A_running_monitor_serves_metrics_that_promtool_check_metrics_accepts()
    {
        var port = FreePort();
        using var manager = new ServiceManagerSocket();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(
            () => CliRunner.Run(
                e => Fake(e) with { Variable = manager.Variable, Stop = stop.Token },
                "monitor", "--interval", "1s", "--quiet", "--db", Path.Combine(_folder, "h.db"), "--metrics", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            TestContext.Current.CancellationToken);

        string text;
        try
        {
            if (await manager.WaitFor("WATCHDOG=1", run, TimeSpan.FromMinutes(2)) is null)
            {
                Assert.Fail($"no sample announced within 2 minutes: {(run.IsCompleted ? (await run).Error : "the monitor still runs")}");
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"), TestContext.Current.CancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var (code, _, error) = await run;

        Assert.True(code == 0, error);
        Assert.Contains($"portdoctor: serving Prometheus metrics on http://127.0.0.1:{port}/metrics", error, StringComparison.Ordinal);
        Assert.Matches("portdoctor_samples_total\\{result=\"ok\"\\} [1-9]", text);
        Assert.Contains("portdoctor_ephemeral_ports_in_use{protocol=\"tcp\",family=\"any\",scope=\"shared\"} 4", text, StringComparison.Ordinal);
        Assert.Contains("portdoctor_process_ports{pid=\"20\",process=\"app, \\\"v2\\\"\"} 4", text, StringComparison.Ordinal);
        Assert.Contains("portdoctor_sockets{protocol=\"tcp\",family=\"any\",scope=\"shared\",state=\"CLOSE_WAIT\"} 1", text, StringComparison.Ordinal);
        var (lint, output) = Promtool.Run(text, Path.GetTempPath(), "check", "metrics");
        Assert.True(lint == 0, $"promtool check metrics:\n{output}\n---\n{text}");
    }

    [Fact]
    public void A_port_already_taken_stops_the_monitor_before_it_samples_with_one_line_and_69()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, output, error) = CliRunner.Run(Fake, "monitor", "--interval", "1s", "--duration", "1s", "--quiet", "--db", Path.Combine(_folder, "h.db"), "--metrics", $"127.0.0.1:{port}");

        Assert.Equal(69, code);
        Assert.Equal($"portdoctor: --metrics 127.0.0.1:{port}: cannot listen: the port is in use", error.Trim());
        Assert.Equal("", output);
        Assert.False(File.Exists(Path.Combine(_folder, "h.db")));
    }

    [Theory]
    [InlineData("--metrics", "http", "portdoctor: --metrics 'http': 'http' is not a port (0 to 65535); expected [ADDR:]PORT, e.g. 9464 or 0.0.0.0:9464")]
    [InlineData("--forecast-window", "5s", "portdoctor: --forecast-window '5s' is outside 10s to 24h")]
    public void A_bad_metrics_address_or_forecast_window_is_one_line_and_64(string option, string value, string message)
    {
        var (code, _, error) = CliRunner.Run(Fake, "monitor", "--duration", "1s", "--db", Path.Combine(_folder, "h.db"), option, value);

        Assert.Equal(64, code);
        Assert.Equal(message, error.Trim());
    }

    private static CliEnvironment Fake(CliEnvironment env) => env with
    {
        Host = new FakeHost
        {
            Collector = new FixedCollector(FixedCollector.Sample() with { Time = DateTimeOffset.UtcNow }),
            Probes = _ => [new ProbeResult("bind 127.0.0.1:0", ProbeOutcome.Succeeded)],
        },
    };

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Scrapes until <paramref name="ready"/> holds of the text (the listener is up before the first sample).</summary>
    internal static async Task<string> ScrapeAfterFirstSample(int port, Func<string, bool> ready, int seconds)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"), TestContext.Current.CancellationToken);
                if (ready(text) || DateTime.UtcNow > deadline)
                {
                    return text;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet: the monitor is starting.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
