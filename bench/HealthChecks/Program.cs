using System.Diagnostics;
using System.Globalization;
using HealthChecksBench;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortDoctor.HealthChecks;

// Usage: HealthChecks.dll PROBES REFRESHES [PAUSE_MS]. Run inside the namespace being measured (bench/healthchecks.sh).
// Probes go through HealthCheckService, as MapHealthChecks does, on a clock that moves 1 s per probe
// (one probe per second without waiting a second): every 10th probe finds the cache expired and starts a refresh
// in the background. PAUSE_MS is the real pause between probes: 2 (default) times the next probes while that
// refresh still runs (the worst case); 100 lets it end first, as a real one-probe-per-second caller does
// (a refresh takes 7-17 ms here), without waiting a whole second per probe.
var probes = int.Parse(args[0], CultureInfo.InvariantCulture);
var refreshes = int.Parse(args[1], CultureInfo.InvariantCulture);
var pauseMs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;

var refresh = new List<double>();
for (var i = 0; i < refreshes; i++)
{
    // A new registration has an empty cache: its first probe pays one refresh (snapshot + judgement).
    await using var fresh = Registration.Build(new BenchClock());
    var health = fresh.GetRequiredService<HealthCheckService>();
    var start = Stopwatch.GetTimestamp();
    _ = await health.CheckHealthAsync();
    refresh.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
}

var clock = new BenchClock();
await using var services = Registration.Build(clock);
var service = services.GetRequiredService<HealthCheckService>();
var first = await service.CheckHealthAsync();
var times = new List<double>(probes);
for (var i = 0; i < probes; i++)
{
    clock.Advance(TimeSpan.FromSeconds(1));
    var start = Stopwatch.GetTimestamp();
    var report = await service.CheckHealthAsync();
    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    if (report.Status != first.Status && report.Entries["ephemeral-ports"].Data.ContainsKey(EphemeralPortsData.Missing))
    {
        throw new InvalidOperationException("the check lost its data: " + report.Entries["ephemeral-ports"].Description);
    }

    Thread.Sleep(pauseMs);
}

var entry = first.Entries["ephemeral-ports"];
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"probe_p50_ms {Percentile(times, 50):0.000} probe_p99_ms {Percentile(times, 99):0.000} probe_max_ms {times.Max():0.000} refresh_median_ms {Percentile(refresh, 50):0.0} status {entry.Status} {entry.Description}"));

static double Percentile(List<double> values, int percent)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
