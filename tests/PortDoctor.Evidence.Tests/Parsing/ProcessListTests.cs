using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// Get-Process and tasklist are process lists: handle counts and names by PID, never sockets. They
/// used to be read as Group-Object counts (Handles as socket counts) and, being newer, replaced the
/// netstat snapshot; now they are added to it.
/// </summary>
public sealed class ProcessListTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pdo-process-list-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("Windows/get-process.en.txt")]
    [InlineData("Windows/get-process.list.txt")]
    [InlineData("Windows/get-process.csv")]
    public void Get_process_gives_handle_counts_by_pid_and_no_sockets(string fixture)
    {
        var evidence = Fixture.ReadWhole(fixture, "get-process");

        Assert.False(evidence.HasSockets);
        Assert.Empty(evidence.Latest.Sockets);
        Assert.Empty(evidence.Series);
        var processes = evidence.Latest.Processes;
        Assert.Equal(14250, processes[7788].HandleCount);
        Assert.Equal("BackendWorker", processes[7788].Name);
        Assert.Equal(412, processes[4321].HandleCount);
        Assert.Equal(6124, processes[4].HandleCount);
        Assert.False(processes.ContainsKey(0));
        Assert.Throws<PortDoctorException>(evidence.RequireSockets);
    }

    [Fact]
    public void Get_process_table_keeps_names_with_spaces_and_blank_cpu()
    {
        var processes = Fixture.ReadWhole("Windows/get-process.en.txt", "get-process").Latest.Processes;

        Assert.Equal(10, processes.Count);
        Assert.Equal("Memory Compression", processes[1880].Name);
        Assert.Equal(3412, processes[2356].HandleCount);
    }

    [Theory]
    [InlineData("Windows/tasklist.en.txt")]
    [InlineData("Windows/tasklist-v.en.txt")]
    [InlineData("Windows/tasklist.fo-csv.txt")]
    public void Tasklist_names_pids_without_handle_counts(string fixture)
    {
        var evidence = Fixture.ReadWhole(fixture, "tasklist");

        Assert.False(evidence.HasSockets);
        var processes = evidence.Latest.Processes;
        Assert.Equal("BackendWorker.exe", processes[7788].Name);
        Assert.Equal("svchost.exe", processes[1060].Name);
        Assert.Equal("System", processes[4].Name);
        Assert.Null(processes[7788].HandleCount);
        Assert.False(processes.ContainsKey(0));
    }

    [Fact]
    public void A_newer_get_process_adds_handle_counts_to_the_netstat_snapshot_instead_of_replacing_it()
    {
        var netstat = Copy("Windows/netstat-anoq.en.txt", DateTime.UtcNow.AddMinutes(-5));
        var getProcess = Copy("Windows/get-process.en.txt", DateTime.UtcNow);

        var alone = Read([netstat]).Latest;
        var evidence = Read([netstat, getProcess]);

        Assert.True(evidence.HasSockets);
        Assert.Equal(alone.Time, evidence.Latest.Time);
        Assert.Equal(alone.Sockets.Select(s => (s.State, s.Local, s.Pid)), evidence.Latest.Sockets.Select(s => (s.State, s.Local, s.Pid)));
        Assert.Equal(14250, evidence.Latest.Processes[7788].HandleCount);
        Assert.Equal("BackendWorker", evidence.Latest.Processes[7788].Name);
        Assert.All(evidence.Latest.Sockets.Where(s => s.Pid == 7788), s => Assert.Equal("BackendWorker", s.ProcessName));
        Assert.Single(evidence.Series);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.ProcessListMerged && n.File == "get-process.en.txt" && n.Count == 10);
    }

    [Fact]
    public void Anob_and_anoq_taken_together_merge_names_and_bound_rows()
    {
        var anoq = Copy("Windows/netstat-anoq.en.txt", DateTime.UtcNow.AddMinutes(-1));
        var anob = Copy("Windows/netstat-anob.en.txt", DateTime.UtcNow);

        var evidence = Read([anoq, anob]);
        var snapshot = evidence.Latest;

        Assert.Equal(8 + 4, snapshot.Sockets.Count);
        Assert.Equal(4, snapshot.Sockets.Count(s => s.State == SocketState.Bound));
        Assert.Equal("app.exe", snapshot.Processes[4321].Name);
        Assert.Equal("app.exe", snapshot.Sockets.Single(s => s is { State: SocketState.Bound, Pid: 4321 }).ProcessName);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.SocketsMergedFromFile && n.Numbers["bound"] == 4);
    }

    [Fact]
    public void Anoq_newer_than_anob_gets_its_names()
    {
        var anob = Copy("Windows/netstat-anob.en.txt", DateTime.UtcNow.AddMinutes(-1));
        var anoq = Copy("Windows/netstat-anoq.en.txt", DateTime.UtcNow);

        var snapshot = Read([anob, anoq]).Latest;

        Assert.Equal(9, snapshot.Sockets.Count);
        Assert.Equal("app.exe", snapshot.Sockets.Single(s => s.Pid == 4321).ProcessName);
        Assert.Equal("svchost.exe", snapshot.Processes[1060].Name);
    }

    [Fact]
    public void Captures_an_hour_apart_are_not_merged()
    {
        var anoq = Copy("Windows/netstat-anoq.en.txt", DateTime.UtcNow.AddHours(-1));
        var anob = Copy("Windows/netstat-anob.en.txt", DateTime.UtcNow);

        var evidence = Read([anoq, anob]);

        Assert.Equal(8, evidence.Latest.Sockets.Count);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.LatestSnapshotUsed && n.Names.Contains("netstat-anoq.en.txt"));
    }

    private string Copy(string fixture, DateTime time)
    {
        var path = Path.Combine(_dir.FullName, Path.GetFileName(fixture));
        File.Copy(Fixture.PathOf(fixture), path);
        File.SetLastWriteTimeUtc(path, time);
        return path;
    }

    private static EvidenceSet Read(string[] paths, EvidenceReadOptions? options = null) =>
        EvidenceReader.Read(paths, options, TestContext.Current.CancellationToken);
}
