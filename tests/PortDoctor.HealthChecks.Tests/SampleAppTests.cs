using System.Globalization;
using System.Text.Json;

namespace PortDoctor.HealthChecks.Tests;

/// <summary>
/// The sample app on a real Kestrel on loopback inside a namespace with 200 ephemeral ports (40000-40199):
/// Healthy, then Degraded and Unhealthy as a workload in the namespace holds 150, then 185 connections.
/// </summary>
public sealed class SampleAppTests
{
    private const int SamplePort = 18080;
    private const int WorkloadPort = 9000;

    [Fact]
    public void The_sample_goes_healthy_degraded_unhealthy_as_a_workload_fills_the_range()
    {
        if (!HealthNamespace.CanCreate)
        {
            Assert.Skip("needs root and iproute2 on Linux to create a network namespace");
        }

        using var ns = HealthNamespace.Create("40000 40199");
        using var app = new SampleApp(ns, SamplePort);
        using var workload = ns.Start("python3", Path.Combine(AppContext.BaseDirectory, "Fixtures", "hold_ports.py"), WorkloadPort.ToString(CultureInfo.InvariantCulture));
        try
        {
            Assert.Equal("listening", workload.StandardOutput.ReadLine());
            var healthy = app.WaitFor("Healthy", TimeSpan.FromSeconds(90));
            Assert.Equal(200, Data(healthy).GetProperty("capacity").GetInt32());

            Hold(workload, 150); // 75%
            var degraded = Data(app.WaitFor("Degraded", TimeSpan.FromSeconds(40)));
            Assert.InRange(degraded.GetProperty("utilization_percent").GetDouble(), 70, 89.9);
            Assert.Equal($"127.0.0.1 -> 127.0.0.1:{WorkloadPort}", degraded.GetProperty("scope").GetString());

            Hold(workload, 185); // 92.5%
            var unhealthy = Data(app.WaitFor("Unhealthy", TimeSpan.FromSeconds(40)));
            Assert.True(unhealthy.GetProperty("ports_in_use").GetInt32() >= 185, unhealthy.ToString());
            Assert.Equal(app.Pid, unhealthy.GetProperty("own_pid").GetInt32());
            Assert.Equal("tcp 40000-40199", unhealthy.GetProperty("worst_pool").GetString());
            Assert.Equal(503, app.Get()?.Code);
            AssertOnlyServingSockets(ns, app);
        }
        finally
        {
            workload.StandardInput.Close();
            if (!workload.WaitForExit(5000))
            {
                workload.Kill(entireProcessTree: true);
            }
        }
    }

    private static JsonElement Data(JsonElement body) => body.GetProperty("checks").GetProperty("ephemeral-ports").GetProperty("data");

    private static void Hold(System.Diagnostics.Process workload, int count)
    {
        workload.StandardInput.WriteLine(count.ToString(CultureInfo.InvariantCulture));
        Assert.Equal($"held {count}", workload.StandardOutput.ReadLine());
    }

    /// <summary>The check opens no TCP/UDP socket: every socket of the app is its listener or a connection accepted on it.</summary>
    private static void AssertOnlyServingSockets(HealthNamespace ns, SampleApp app)
    {
        var (_, table, _) = ns.Exec("ss", "-tuanpH");
        var own = table.Split('\n').Where(l => l.Contains($"pid={app.Pid},", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(own);
        Assert.All(own, line => Assert.EndsWith($":{SamplePort}", line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4], StringComparison.Ordinal));
    }
}
