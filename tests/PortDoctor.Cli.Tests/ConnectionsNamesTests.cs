using System.Text.Json;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>Group keys keep their JSON types; a missing process name says which kind of missing it is.</summary>
public class ConnectionsNamesTests
{
    private static (int Code, string Out, string Error) Run(Snapshot snapshot, params string[] args) =>
        CliRunner.Run(env => env with { Host = new FakeHost { Collector = new FixedCollector(snapshot) } }, ["connections", .. args]);

    [Fact]
    public void Pid_group_keys_are_json_numbers_and_null_when_absent()
    {
        var (code, output, _) = Run(FixedCollector.Sample(), "--group-by", "pid,state", "--format", "json");
        Assert.Equal(0, code);
        var groups = JsonDocument.Parse(output).RootElement.GetProperty("groups").EnumerateArray().ToList();
        var first = groups[0].GetProperty("key");
        Assert.Equal(JsonValueKind.Number, first.GetProperty("pid").ValueKind);
        Assert.Equal(20, first.GetProperty("pid").GetInt32());
        Assert.Equal(JsonValueKind.String, first.GetProperty("state").ValueKind);
        Assert.Contains(groups, g => g.GetProperty("key").GetProperty("pid").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public void Table_tells_no_owner_from_an_owner_without_a_readable_name()
    {
        var (code, output, error) = Run(WithNamelessOwner(), "--state", "established,time-wait");
        Assert.Equal(0, code);
        Assert.DoesNotContain(" ? ", output, StringComparison.Ordinal);
        var nameless = output.Split('\n').Single(l => l.Contains("10.0.0.9:50001", StringComparison.Ordinal));
        Assert.Contains("(unknown)", nameless, StringComparison.Ordinal);
        var orphan = output.Split('\n').First(l => l.Contains("TIME_WAIT", StringComparison.Ordinal));
        Assert.Matches(@"TIME_WAIT\s+-\s+-\s+1$", orphan.TrimEnd());
        Assert.Contains("portdoctor: note: 1 socket belongs to a process whose name could not be read (PID 10)", error, StringComparison.Ordinal);
        Assert.Contains("portdoctor: note: 2 sockets have no owning process (2 TIME_WAIT or closing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_keeps_null_for_a_missing_name()
    {
        var (_, output, _) = Run(WithNamelessOwner(), "--format", "json");
        var sockets = JsonDocument.Parse(output).RootElement.GetProperty("sockets").EnumerateArray().ToList();
        var nameless = sockets.Single(s => s.GetProperty("remotePort").GetInt32() == 50001);
        Assert.Equal(10, nameless.GetProperty("pid").GetInt32());
        Assert.Equal(JsonValueKind.Null, nameless.GetProperty("process").ValueKind);
    }

    /// <summary>The sample with nginx's established socket stripped of its name (the process exited between reads).</summary>
    private static Snapshot WithNamelessOwner()
    {
        var sample = FixedCollector.Sample();
        return sample with
        {
            Notes = [],
            Sockets = [.. sample.Sockets.Select(s => s.Remote.Port == 50001 ? s with { ProcessName = null } : s)],
        };
    }
}
