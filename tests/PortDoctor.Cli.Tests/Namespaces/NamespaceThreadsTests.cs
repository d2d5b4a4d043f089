using System.Globalization;
using PortDoctor.Cli.Tests.Monitor;
using PortDoctor.Cli.Tests.Ranges;
using Xunit;

namespace PortDoctor.Cli.Tests.Namespaces;

/// <summary>
/// A monitor run in the host's namespace that samples another one (a container's) enters it on a thread
/// that ends with each sample. Nothing else of the monitor may be left in that namespace: a thread made
/// there stays there for life, and the runtime's threads (the pool's workers and gate, the sockets'
/// event loop) were made there by a fd walk started on the pool from inside it, which put their later
/// sockets in the container and kept its namespace alive after it had gone.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NamespaceThreadsTests : RangeNamespaceTest
{
    /// <summary>Listens on 127.0.0.1:9000 and holds 15 connections to it (75% of a 20-port range: the monitor's probe runs too); prints its pid.</summary>
    private const string Workload = """
        import os, socket, time
        srv = socket.socket(); srv.bind(('127.0.0.1', 9000)); srv.listen(64)
        held = [socket.create_connection(('127.0.0.1', 9000)) for _ in range(15)]
        peers = [srv.accept()[0] for _ in held]
        print(os.getpid(), flush=True)
        time.sleep(300)
        """;

    [Fact]
    public void A_monitor_of_another_namespace_leaves_no_thread_of_its_own_in_it_between_samples()
    {
        using var ns = CreateOrSkip();
        ns.WriteSysctl(Key, "40000 40019");
        var workload = HostPortDoctor.StartPython(ns, Workload);
        try
        {
            var inode = HostPortDoctor.Inode("/run/netns/" + ns.Name);
            using var monitor = new StreamedMonitor(BuiltCli.Path, "monitor", "--netns", ns.Name, "--interval", "1s", "--duration", "300s", "--db", Path.Combine(Temp, "history.db"), "--format", "json");
            Assert.True(monitor.ReadUntil(l => l.Count >= 3, TimeSpan.FromSeconds(120)), $"{monitor.Lines.Count} samples within 120 s");
            Assert.All(monitor.Lines, l => Assert.NotNull(l.GetProperty("probe").GetString())); // the probe ran in the namespace

            // Looked at 20 times over 3 s, samples included: only the thread that enters the namespace
            // and those it starts beside it (named by their work) are ever there.
            var seen = new SortedSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < 20; i++)
            {
                seen.UnionWith(ThreadsIn(monitor.Pid, inode));
                Thread.Sleep(150);
            }

            var (code, error) = monitor.Stop();
            Assert.True(code == 0, error);
            Assert.True(seen.All(name => name.StartsWith("netns ", StringComparison.Ordinal) || name is "fd walk" or "resolve"), $"threads of the monitor in namespace {inode}: {string.Join(", ", seen)}");
        }
        finally
        {
            HostPortDoctor.Stop(workload);
        }
    }

    /// <summary>The names of the threads of <paramref name="pid"/> in the network namespace <paramref name="inode"/>.</summary>
    private static IEnumerable<string> ThreadsIn(int pid, string inode)
    {
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
        {
            string name;
            try
            {
                if (new FileInfo(Path.Combine(task, "ns", "net")).LinkTarget != $"net:[{inode}]")
                {
                    continue;
                }

                name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
            }
            catch (IOException)
            {
                continue; // the thread ended
            }

            yield return name;
        }
    }
}
