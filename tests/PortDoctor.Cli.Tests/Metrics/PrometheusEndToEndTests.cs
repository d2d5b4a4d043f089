using System.Diagnostics;
using System.Text.Json;
using PortDoctor.Cli.Tests.Lab;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Metrics;

/// <summary>
/// The whole chain on a real Prometheus: a workload leaks ports in a namespace, `monitor --metrics`
/// samples it every second, Prometheus scrapes it across a veth pair and evaluates the shipped rules
/// (their `for:` shortened to 5 s); the imminent-exhaustion alert goes pending, then firing, scrapes
/// keep working while the pool is full, every dashboard query returns data, and the alert resolves
/// once the leak stops.
/// </summary>
[Collection(SlowFirst.Prefix + "prometheus end to end")]
public sealed class PrometheusEndToEndTests
{
    private const string Alert = "EphemeralPortsExhaustionIn4h";

    [Fact]
    public void Prometheus_sees_the_exhaustion_alert_go_pending_then_firing_and_resolve_after_the_leak_stops()
    {
        if (LabProcess.SkipReason() is { } reason)
        {
            Assert.Skip(reason);
        }

        var prometheus = Promtool.Require("prometheus");
        Promtool.Require("python3");
        using var lab = new ScrapeLab();
        lab.CreateNamespaces();
        lab.StartPrometheus(prometheus, File.ReadAllText(RepositoryFiles.PathOf("deploy", "prometheus", "portdoctor-rules.yml")));
        lab.StartMonitor("--forecast-window", "10s");
        lab.StartLeak(TimeSpan.FromMilliseconds(80));
        var clock = Stopwatch.StartNew();

        var states = new List<string>();
        Until(lab, TimeSpan.FromSeconds(75), () => Record(states, AlertState(lab)) == "firing", "the alert to fire");
        var firedAt = clock.Elapsed;
        var firedTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        // Prometheus keeps its own record of the pending state (ALERTS), which a poll can miss.
        var pending = Query(lab, $"count_over_time(ALERTS{{alertname=\"{Alert}\",alertstate=\"pending\"}}[5m])");
        Assert.True(states.Contains("pending") || pending.Count > 0, $"never pending before firing: {string.Join(",", states)}");
        AssertEveryDashboardQueryReturnsData(lab, firedTime);

        Until(lab, TimeSpan.FromSeconds(30), () => lab.Printed("leak", "full"), "the pool to be full");
        Until(lab, TimeSpan.FromSeconds(15), () => Query(lab, "portdoctor_ephemeral_ports_utilization_ratio >= 0.97 and on() up == 1").Count > 0, "a scrape of the full pool");
        Until(lab, TimeSpan.FromSeconds(15), () => ActiveAlerts(lab).Contains("EphemeralPortAllocationFailures"), "allocation failures while full");

        lab.Leak!.StandardInput.WriteLine("stop");
        lab.Leak.StandardInput.Flush();
        Until(lab, TimeSpan.FromSeconds(20), () => !ActiveAlerts(lab).Contains(Alert) && Query(lab, "portdoctor_ephemeral_ports_utilization_ratio < 0.2").Count > 0, "the alert to resolve");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"took {clock.Elapsed} (fired at {firedAt})");
    }

    /// <summary>Each panel's query evaluated at the moment the alert fired (the leak goes on meanwhile).</summary>
    private static void AssertEveryDashboardQueryReturnsData(ScrapeLab lab, double at)
    {
        foreach (var (panel, expr) in Dashboard.Queries())
        {
            Assert.True(Query(lab, expr, at).Count > 0, $"panel '{panel}': `{expr}` returned no data\n{lab.Log}");
        }
    }

    private static string Record(List<string> states, string state)
    {
        if (states.Count == 0 || states[^1] != state)
        {
            states.Add(state);
        }

        return state;
    }

    /// <summary>The alert's state: pending, firing, or inactive.</summary>
    private static string AlertState(ScrapeLab lab) =>
        Alerts(lab).Where(a => a.Name == Alert).Select(a => a.State).OrderBy(s => s == "firing" ? 0 : 1).FirstOrDefault() ?? "inactive";

    private static HashSet<string> ActiveAlerts(ScrapeLab lab) => [.. Alerts(lab).Select(a => a.Name)];

    private static List<(string Name, string State)> Alerts(ScrapeLab lab)
    {
        if (lab.Api("/api/v1/alerts") is not { } text)
        {
            return [];
        }

        using var json = JsonDocument.Parse(text);
        return [.. json.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Select(a => (a.GetProperty("labels").GetProperty("alertname").GetString()!, a.GetProperty("state").GetString()!))];
    }

    private static List<JsonElement> Query(ScrapeLab lab, string expr, double? at = null)
    {
        var time = at is { } t ? "&time=" + t.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "";
        if (lab.Api("/api/v1/query?query=" + Uri.EscapeDataString(expr) + time) is not { } text)
        {
            return [];
        }

        using var json = JsonDocument.Parse(text);
        return [.. json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(e => e.Clone())];
    }

    private static void Until(ScrapeLab lab, TimeSpan limit, Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, $"waited {limit.TotalSeconds} s for {what}\n{lab.Log}");
            Thread.Sleep(250);
        }
    }
}
