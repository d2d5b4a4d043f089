using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;

namespace PortDoctor.History.Tests;

/// <summary>
/// kill -9 at random moments, 100 times, against one file: it always reopens (so the writer lock
/// died with the process), `PRAGMA integrity_check` is ok, and every sample whose Append returned
/// (the child printed its id after the commit) is there.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_committed_sample_survives_100_kills_and_the_file_stays_sound()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "SIGKILL of a child writer is exercised on Linux");

        // Two files killed 50 times each, side by side: a child takes ~0.4 s to its first sample.
        var committed = Enumerable.Range(0, 2).AsParallel().WithDegreeOfParallelism(2).Select(lane => KillLoop(_dir.File($"history-{lane}.db"), 50, seed: lane)).Sum();

        // Kills landed while samples were being written, not only before the first one.
        Assert.True(committed > 100, $"only {committed} samples committed in 100 runs");
    }

    private static int KillLoop(string path, int kills, int seed)
    {
        var random = new Random(seed);
        var committed = new HashSet<long>();
        for (var kill = 0; kill < kills; kill++)
        {
            // Mostly while samples are being written; one run in eight at any moment from the start
            // (opening, creating the schema, the first transaction).
            var early = random.Next(8) == 0;
            committed.UnionWith(RunAndKill(path, early, TimeSpan.FromMilliseconds(early ? random.Next(0, 400) : random.Next(0, 60))));

            using var store = HistoryStore.Open(path);
            Assert.Equal("ok", store.IntegrityCheck());
            Assert.Empty(committed.Except(Ids(store)));
        }

        return committed.Count;
    }

    /// <summary>The child: appends busy-host samples until killed, printing each id once its commit returned.</summary>
    internal static int AppendForever(string path)
    {
        using var store = HistoryStore.Open(path);
        var output = Console.Out;
        var first = Random.Shared.Next(0, 1_000_000);
        for (var i = first; ; i++)
        {
            var id = store.Append(BusyHost.Sample(i, TimeSpan.FromSeconds(5)));
            output.WriteLine(id.ToString(CultureInfo.InvariantCulture));
            output.Flush();
        }
    }

    private static List<long> RunAndKill(string path, bool fromStart, TimeSpan after)
    {
        var self = Path.Combine(AppContext.BaseDirectory, "PortDoctor.History.Tests");
        var start = new ProcessStartInfo(self, ["--append-forever", path]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var child = Process.Start(start)!;
        var output = new StringBuilder();
        using var firstLine = new ManualResetEventSlim();
        var reader = Task.Run(() =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = child.StandardOutput.Read(buffer)) > 0)
            {
                lock (output)
                {
                    output.Append(buffer, 0, read);
                }

                if (Array.IndexOf(buffer, '\n', 0, read) >= 0)
                {
                    firstLine.Set();
                }
            }
        });
        if (!fromStart)
        {
            firstLine.Wait(TimeSpan.FromSeconds(20));
        }

        child.WaitForExit(after);
        child.Kill(); // SIGKILL on Unix
        child.WaitForExit();
        reader.Wait();

        // Each id goes out in one write() after its commit returned; only whole lines count.
        var text = output.ToString();
        var whole = text[..(text.LastIndexOf('\n') + 1)];
        return [.. whole.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => long.Parse(line, CultureInfo.InvariantCulture))];
    }

    private static HashSet<long> Ids(HistoryStore store)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = "SELECT id FROM sample";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
