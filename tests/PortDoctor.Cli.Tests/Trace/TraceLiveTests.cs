using System.Globalization;
using System.Text.Json;
using PortDoctor.Cli.Tests.Lab;
using Xunit;

namespace PortDoctor.Cli.Tests.Trace;

/// <summary>
/// The real tracer on this kernel: a workload at exhaustion in a namespace makes a known number of
/// failing connects and binds; trace (filtered to its PID: tracefs is host-wide) must attribute
/// them, and leave no tracefs instance after a normal end, Ctrl+C, or kill -9 and the next start.
/// </summary>
[Collection(TraceCollection.Name)]
public class TraceLiveTests
{
    [Fact]
    public async Task Failing_connects_and_binds_of_a_workload_are_attributed_to_its_pid_with_their_errno()
    {
        SkipUnlessRoot();
        using var workload = ExhaustedWorkload.Start(connects: 3000, binds: 2000);
        using var trace = TraceProcess.Start("--pid", Number(workload.Pid), "--duration", "5m", "--format", "json");
        Assert.True(await trace.TracingAsync(), trace.Error);

        var (connects, binds) = workload.Fail();
        trace.Interrupt();
        var (code, output, error) = trace.Finish(TimeSpan.FromMinutes(1));

        Assert.True(code == 0, $"trace exited {code}: {error}");
        Assert.Equal((3000, 2000), (connects, binds));
        using var json = JsonDocument.Parse(output);
        var process = Assert.Single(json.RootElement.GetProperty("processes").EnumerateArray());
        Assert.Equal(workload.Pid, process.GetProperty("pid").GetInt32());
        Assert.Equal("python3", process.GetProperty("command").GetString());
        var counts = process.GetProperty("failures").EnumerateArray()
            .ToDictionary(f => $"{f.GetProperty("call").GetString()} {f.GetProperty("errno").GetString()} {f.GetProperty("family").GetString()}", f => f.GetProperty("count").GetInt64());
        // A failure whose enter event was not seen (the kernel's ring buffer may drop events on a loaded machine) is
        // counted with no family, as FailureCount documents; nothing else may appear. A CI run once saw a third kind
        // (which one the assertion did not say; it does now).
        var kinds = string.Join(", ", counts.Select(c => $"{c.Key} x{c.Value}"));
        Assert.True(counts.Keys.All(k => k is "connect EADDRNOTAVAIL IPv4" or "connect EADDRNOTAVAIL " or "bind EADDRINUSE IPv4" or "bind EADDRINUSE "), $"failure kinds: {kinds}");
        Assert.InRange(counts.GetValueOrDefault("connect EADDRNOTAVAIL IPv4") + counts.GetValueOrDefault("connect EADDRNOTAVAIL "), connects * 99 / 100, connects);
        Assert.InRange(counts.GetValueOrDefault("bind EADDRINUSE IPv4") + counts.GetValueOrDefault("bind EADDRINUSE "), binds * 99 / 100, binds);
        Assert.True(counts.GetValueOrDefault("connect EADDRNOTAVAIL IPv4") >= connects * 95 / 100 && counts.GetValueOrDefault("bind EADDRINUSE IPv4") >= binds * 95 / 100, $"failure kinds: {kinds}");
        Assert.False(Directory.Exists(TraceProcess.InstancePath), "the instance is left after Ctrl+C");
    }

    [Fact]
    public async Task A_second_trace_is_refused_and_a_killed_traces_instance_is_removed_at_the_next_start()
    {
        SkipUnlessRoot();
        using (var first = TraceProcess.Start("--duration", "5m"))
        {
            Assert.True(await first.TracingAsync(), first.Error);
            Assert.True(Directory.Exists(TraceProcess.InstancePath));

            var second = TraceProcess.Run("--duration", "1s");

            Assert.Equal(69, second.Code);
            Assert.StartsWith("portdoctor: another portdoctor trace is running", Assert.Single(second.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
            first.KillHard();
        }

        Assert.True(Directory.Exists(TraceProcess.InstancePath), "kill -9 cannot clean up: the instance stays until the next start");
        var next = TraceProcess.Run("--duration", "1s");

        Assert.True(next.Code == 0, next.Error);
        Assert.Contains("removed a stale tracefs instance", next.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(TraceProcess.InstancePath), "the instance is left after a normal end");
    }

    [Fact]
    public void A_user_without_root_gets_one_line_and_exit_77()
    {
        SkipUnlessRoot();

        var (code, output, error) = LabProcess.RunTool("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", LabProcess.Binary, "trace", "--duration", "1s");

        Assert.Equal(77, code);
        Assert.Empty(output);
        Assert.Equal("portdoctor: trace needs root: tracefs is readable by root only", error.Trim());
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void SkipUnlessRoot()
    {
        if (LabProcess.SkipReason() is { } reason)
        {
            Assert.Skip(reason);
        }

        if (!File.Exists("/usr/bin/python3"))
        {
            Assert.Skip("python3 is not installed (the workload)");
        }
    }
}
