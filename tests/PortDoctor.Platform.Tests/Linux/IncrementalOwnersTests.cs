using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

/// <summary>
/// The monitor's remembered owners against a full walk, for real: processes in a namespace of our
/// own open, close and swap connections, exit and start between samples, and after each change the
/// collection through the memory must match a collection that walks every fd table, socket for socket.
/// </summary>
[Takes(3)]
[SupportedOSPlatform("linux")]
public sealed class IncrementalOwnersTests : IDisposable
{
    private readonly string _name = "pdsc-" + Guid.NewGuid().ToString("N")[..10];
    private readonly LinuxSnapshotCollector _collector = new(TimeProvider.System);
    private readonly OwnerCache _cache = OwnerCache.ForOneRun(); // no periodic full walk: the memory alone
    private readonly List<SocketWorker> _workers = [];
    private bool _made;

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        if (_made)
        {
            ChildProgram.Run("ip", ["netns", "delete", _name], TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public void Owners_remembered_across_samples_match_a_full_walk_as_processes_change()
    {
        MakeNamespace();
        var a = Start(pairs: 20);
        var b = Start(pairs: 10);

        Assert.Contains("every fd table walked", Compare(a, b)); // the first sample
        Assert.Contains("(walked ", Compare(a, b));              // nothing changed: the memory serves

        a.Tell("close", 5);
        Compare(a, b);
        var c = Start(pairs: 7);
        Compare(a, b, c);
        b.Exit();
        Compare(a, c);
        a.Tell("swap", 3); // the same fd count: only its new inodes give it away
        Assert.Contains("every fd table walked", Compare(a, c));
        Assert.Contains("(walked ", Compare(a, c));
    }

    /// <summary>
    /// A server's large table (1,200 sockets) that changes is walked by its new fds only; a socket closed and
    /// another opened at the same number is found at the fd of the socket the dump no longer lists (or by a
    /// whole walk). Each sample matches a full walk (which path was taken: FdTableMemoryTests).
    /// </summary>
    [Fact]
    public void A_large_table_walked_by_its_new_fds_only_matches_a_full_walk()
    {
        MakeNamespace();
        var server = Start(pairs: 600);
        Compare(server);

        server.Tell("open", 2); // at numbers the table did not have
        Assert.Contains("(1 by their new fds only)", Compare(server));
        server.Tell("close", 3); // numbers gone
        Assert.Contains("(1 by their new fds only)", Compare(server));
        server.Tell("swap", 2); // the lowest numbers closed and opened again: not new numbers
        server.Tell("open", 1);
        Compare(server);
        Assert.Contains("(walked ", Compare(server));
    }

    /// <summary>
    /// A monitor's collections reuse socket lists (<see cref="OwnerCache.ReusesSocketLists"/>): the snapshot
    /// before still holds its own sockets after the next collection, while connections come and go.
    /// </summary>
    [Fact]
    public void A_monitor_snapshot_keeps_its_sockets_through_the_next_collection()
    {
        MakeNamespace();
        var worker = Start(pairs: 30);
        var monitor = OwnerCache.ForMonitor();
        using var ns = LinuxNetworkNamespace.Open(_name);
        var before = ns.Run(() => _collector.Collect(new CollectOptions { Owners = monitor }, TestContext.Current.CancellationToken));
        var kept = before.Sockets.ToList();
        worker.Tell("close", 10);
        var after = ns.Run(() => _collector.Collect(new CollectOptions { Owners = monitor }, TestContext.Current.CancellationToken));

        Assert.Equal(kept, before.Sockets);
        Assert.NotSame(before.Sockets, after.Sockets);
        Assert.True(after.Sockets.Count < kept.Count, $"{after.Sockets.Count} sockets after closing 10 connections, {kept.Count} before");
    }

    /// <summary>The test's namespace, lo up; skipped without root.</summary>
    private void MakeNamespace()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root", "needs root to make a network namespace");
        Assert.Equal(0, ChildProgram.Run("ip", ["netns", "add", _name], TimeSpan.FromSeconds(30)).Code);
        _made = true;
        Assert.Equal(0, ChildProgram.Run("ip", ["-n", _name, "link", "set", "lo", "up"], TimeSpan.FromSeconds(30)).Code);
    }

    private SocketWorker Start(int pairs)
    {
        var worker = new SocketWorker(_name, pairs);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Collects through the memory and by a full walk; asserts the same owners and counts; returns the memory's source line.</summary>
    private string Compare(params SocketWorker[] holders)
    {
        using var ns = LinuxNetworkNamespace.Open(_name);
        var remembered = ns.Run(() => _collector.Collect(new CollectOptions { Owners = _cache }, TestContext.Current.CancellationToken));
        var full = ns.Run(() => _collector.Collect(new CollectOptions(), TestContext.Current.CancellationToken));

        Assert.Equal(Owned(full), Owned(remembered));
        // Sockets recalled from earlier samples (SocketRecall) are the ones a fresh decode gives, owner and name included.
        Assert.Equal(Entries(full), Entries(remembered));
        foreach (var holder in holders)
        {
            // Each worker holds a listener and two sockets per pair, all in this namespace's tables.
            Assert.Contains(Owned(full), s => s.Pid == holder.Pid);
            Assert.Equal(Counts(full.Processes[holder.Pid]), Counts(remembered.Processes[holder.Pid]));
        }

        return remembered.Sources.Single(s => s.Contains("socket owners", StringComparison.Ordinal));
    }

    private static List<(string Socket, long Inode, int? Pid)> Owned(Snapshot snapshot) =>
        snapshot.Sockets.Where(s => s.Inode is > 0)
            .Select(s => ($"{s.Protocol} {s.Local}->{s.Remote}", s.Inode!.Value, s.Pid))
            .OrderBy(s => s.Item2)
            .ToList();

    /// <summary>Every field but the state, which a closing socket may change between the two collections.</summary>
    private static List<SocketEntry> Entries(Snapshot snapshot) =>
        [.. snapshot.Sockets.Where(s => s.Inode is > 0).Select(s => s with { State = SocketState.Unknown }).OrderBy(s => s.Inode)];

    private static (int? Handles, int? Sockets, int? Unlisted) Counts(ProcessInfo process) =>
        (process.HandleCount, process.SocketCount, process.UnlistedSocketCount);
}
