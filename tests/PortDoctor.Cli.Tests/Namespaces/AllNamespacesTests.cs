using System.Globalization;
using System.Text.Json;
using PortDoctor.Cli.Tests.Ranges;
using Xunit;

namespace PortDoctor.Cli.Tests.Namespaces;

/// <summary>
/// `diagnose --all-netns` for real: three namespaces made by the test with narrow ranges, one of them
/// with a workload holding most of its range; the built binary judges each from the host.
/// (Its speed against one namespace is measured in bench/, not here.)
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AllNamespacesTests : RangeNamespaceTest
{
    /// <summary>Listens on 127.0.0.1:9000, opens argv[1] connections to itself and holds them; prints its pid when done.</summary>
    private const string Leak = """
        import os, socket, sys, time
        srv = socket.socket(); srv.bind(('127.0.0.1', 9000)); srv.listen(4096)
        held = []
        for _ in range(int(sys.argv[1])):
            c = socket.socket(); c.connect(('127.0.0.1', 9000)); held.append(c); held.append(srv.accept()[0])
        print(os.getpid(), flush=True)
        time.sleep(300)
        """;

    [Fact]
    public void Every_namespace_is_judged_and_the_leaking_one_is_named_with_its_culprit()
    {
        using var leaking = CreateOrSkip();
        using var quiet = NetworkNamespace.Create();
        using var idle = NetworkNamespace.Create();
        foreach (var ns in new[] { leaking, quiet, idle })
        {
            ns.WriteSysctl(Key, "40000 40199");
        }

        var workload = HostPortDoctor.StartPython(leaking, Leak, "180");
        var listener = HostPortDoctor.StartPython(quiet, Leak, "5");
        try
        {
            var run = HostPortDoctor.Run("diagnose", "--all-netns", "--format", "json");

            Assert.True(run.Code is 1 or 2, $"exit {run.Code}: {run.Error}");
            using var doc = JsonDocument.Parse(run.Out);
            var all = doc.RootElement.GetProperty("namespaces").EnumerateArray().ToList();
            var mine = all.Where(n => n.GetProperty("namespace").GetProperty("name").GetString() is { } name
                && (name == leaking.Name || name == quiet.Name || name == idle.Name)).ToList();
            Assert.Equal(3, mine.Count);

            var leak = Assert.Single(mine, n => n.GetProperty("namespace").GetProperty("name").GetString() == leaking.Name);
            var diagnosis = leak.GetProperty("diagnosis");
            Assert.NotEqual("healthy", diagnosis.GetProperty("verdict").GetString());
            Assert.Equal(workload.Id, diagnosis.GetProperty("culprits")[0].GetProperty("pid").GetInt32());
            Assert.Contains(leak.GetProperty("processes").EnumerateArray(), p => p.GetProperty("pid").GetInt32() == workload.Id);

            foreach (var healthy in mine.Where(n => n.GetProperty("namespace").GetProperty("name").GetString() != leaking.Name))
            {
                Assert.Equal("healthy", healthy.GetProperty("diagnosis").GetProperty("verdict").GetString());
            }

            // Worst first: no healthy namespace is listed before the leaking one.
            var leakIndex = all.FindIndex(n => n.GetProperty("namespace").GetProperty("name").GetString() == leaking.Name);
            Assert.All(all.Take(leakIndex), n => Assert.NotEqual("healthy", n.GetProperty("diagnosis").GetProperty("verdict").GetString()));

            var text = HostPortDoctor.Run("diagnose", "--all-netns", "--no-probe");
            Assert.Contains($"{leaking.Name}: ports", text.Out, StringComparison.Ordinal);
            Assert.Contains($"== {leaking.Name} ==", text.Out, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"(PID {workload.Id})"), text.Out, StringComparison.Ordinal);
        }
        finally
        {
            HostPortDoctor.Stop(workload);
            HostPortDoctor.Stop(listener);
        }
    }
}
