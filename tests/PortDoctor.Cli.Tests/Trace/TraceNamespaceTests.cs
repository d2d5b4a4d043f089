using System.Globalization;
using System.Text.Json;
using PortDoctor.Cli.Tests.Lab;
using Xunit;

namespace PortDoctor.Cli.Tests.Trace;

/// <summary>
/// `trace --netns`: tracefs sees every namespace's syscalls, so two workloads fail at once in two
/// namespaces and the trace of one must attribute only that one's failures, and name it.
/// </summary>
[Collection(TraceCollection.Name)]
public class TraceNamespaceTests
{
    [Fact]
    public async Task Trace_of_one_namespace_attributes_only_its_failing_connects_and_names_it()
    {
        if (LabProcess.SkipReason() is { } reason)
        {
            Assert.Skip(reason);
        }

        using var inside = ExhaustedWorkload.Start(connects: 2000, binds: 0);
        using var outside = ExhaustedWorkload.Start(connects: 3000, binds: 500);
        using var trace = TraceProcess.Start("--netns", inside.Namespace.Name, "--duration", "5m", "--format", "json");
        Assert.True(await trace.TracingAsync(), trace.Error);
        Assert.Contains($"in network namespace {inside.Namespace.Name}", trace.Error, StringComparison.Ordinal);

        var both = await Task.WhenAll(Task.Run(inside.Fail), Task.Run(outside.Fail));
        trace.Interrupt();
        var (code, output, error) = trace.Finish(TimeSpan.FromMinutes(1));

        Assert.True(code == 0, $"trace exited {code}: {error}");
        Assert.Equal((2000, 0), both[0]);
        Assert.Equal((3000, 500), both[1]);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(inside.Namespace.Name, json.RootElement.GetProperty("netns").GetString());
        var process = Assert.Single(json.RootElement.GetProperty("processes").EnumerateArray());
        Assert.Equal(inside.Pid, process.GetProperty("pid").GetInt32());
        var failure = Assert.Single(process.GetProperty("failures").EnumerateArray());
        Assert.Equal("connect EADDRNOTAVAIL", $"{failure.GetProperty("call").GetString()} {failure.GetProperty("errno").GetString()}");
        Assert.InRange(failure.GetProperty("count").GetInt64(), 2000 * 99 / 100, 2000);
        Assert.Equal(0, json.RootElement.GetProperty("unplacedFailures").GetInt64());
    }

    [Fact]
    public void A_namespace_that_does_not_exist_is_one_line_and_exit_69()
    {
        if (LabProcess.SkipReason() is { } reason)
        {
            Assert.Skip(reason);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"pd-absent-{Environment.ProcessId}");
        var (code, output, error) = TraceProcess.Run("--netns", name, "--duration", "1s");

        Assert.Equal(69, code);
        Assert.Empty(output);
        Assert.Equal($"portdoctor: --netns {name}: /run/netns/{name} does not exist (named namespaces are under /run/netns: ip netns list)", error.Trim());
    }
}
