using System.Text.Json;
using PortDoctor.Core;
using Xunit;

namespace PortDoctor.Cli.Tests;

public class ConnectionsCommandTests
{
    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var collector = new FixedCollector(FixedCollector.Sample());
        return CliRunner.Run(env => env with { Host = new FakeHost { Collector = collector } }, ["connections", .. args]);
    }

    private static List<JsonElement> Sockets(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("sockets").EnumerateArray()];

    [Fact]
    public void Json_lists_every_socket_with_the_documented_fields()
    {
        var (code, output, error) = Run("--format", "json");
        Assert.Equal(0, code);
        var sockets = Sockets(output);
        Assert.Equal(10, sockets.Count);
        var first = sockets[0];
        foreach (var field in new[] { "protocol", "family", "state", "localAddress", "localPort", "remoteAddress", "remotePort", "pid", "process", "inode", "uid" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }

        Assert.Equal(JsonValueKind.Null, sockets[5].GetProperty("pid").ValueKind); // TIME_WAIT: unknown, written as null
        Assert.Equal("TIME_WAIT", sockets[5].GetProperty("state").GetString());
        Assert.Equal("UNCONN", sockets[9].GetProperty("state").GetString());
        Assert.Contains("portdoctor: note: 2 sockets have an inode held by no process", error, StringComparison.Ordinal); // notes go to stderr, not into the data stream
    }

    [Fact]
    public void Json_output_matches_the_golden_file() =>
        AssertGolden("connections.json", Run("--format", "json", "--protocol", "tcp", "--state", "time-wait,BOUND").Out);

    [Fact]
    public void Csv_output_matches_the_golden_file() =>
        AssertGolden("connections.csv", Run("--format", "csv").Out);

    [Fact]
    public void Group_by_json_matches_the_golden_file() =>
        AssertGolden("groups.json", Run("--group-by", "state,process", "--format", "json").Out);

    [Fact]
    public void Redirected_table_has_no_ansi_and_no_truncation()
    {
        var (code, output, _) = Run("--remote", "10.0.0.7:5432");
        Assert.Equal(0, code);
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("10.0.0.5:40001", output, StringComparison.Ordinal);
        Assert.Contains("CLOSE_WAIT", output, StringComparison.Ordinal);
        Assert.Contains("4 sockets", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--state", "ESTAB" }, 4)]
    [InlineData(new[] { "--state", "TimeWait", "--state", "close-wait" }, 3)]
    [InlineData(new[] { "--pid", "20" }, 4)]
    [InlineData(new[] { "--process", "NGINX" }, 2)]
    [InlineData(new[] { "--port", "5432" }, 4)]
    [InlineData(new[] { "--port", "40000-40002" }, 2)]
    [InlineData(new[] { "--local", ":443" }, 2)]
    [InlineData(new[] { "--remote", "10.0.0.8" }, 1)]
    [InlineData(new[] { "--remote", "[::1]:40007" }, 1)]
    [InlineData(new[] { "--protocol", "udp" }, 1)]
    [InlineData(new[] { "--ephemeral" }, 5)]
    [InlineData(new[] { "--ephemeral", "--state", "TIME_WAIT", "--remote", "10.0.0.7" }, 1)]
    public void Filters_keep_only_matching_sockets(string[] filter, int expected)
    {
        var (code, output, _) = Run([.. filter, "--format", "json"]);
        Assert.Equal(0, code);
        Assert.Equal(expected, Sockets(output).Count);
    }

    [Fact]
    public void Group_by_sorts_groups_by_count_descending_then_by_key_with_unknown_last()
    {
        var (code, output, _) = Run("--group-by", "pid", "--format", "csv");
        Assert.Equal(0, code);
        Assert.Equal(["pid,count", "20,4", "10,2", ",2", "30,1", "40,1"], output.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("--state", "SLEEPING", "unknown --state 'SLEEPING': valid states are ESTABLISHED,")]
    [InlineData("--port", "80x", "malformed --port '80x'")]
    [InlineData("--port", "70000", "malformed --port '70000'")]
    [InlineData("--pid", "abc", "malformed --pid 'abc'")]
    [InlineData("--local", "1.2.3:80", "malformed --local '1.2.3:80'")]
    [InlineData("--group-by", "colour", "unknown --group-by key 'colour'")]
    [InlineData("--format", "xml", "unknown --format 'xml'")]
    [InlineData("--protocol", "sctp", "unknown --protocol 'sctp'")]
    public void Bad_arguments_give_one_line_and_exit_64(string option, string value, string message)
    {
        var (code, output, error) = Run(option, value);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("portdoctor: " + message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tcp_only_asks_the_collector_to_skip_udp()
    {
        var collector = new FixedCollector(FixedCollector.Sample());
        CliRunner.Run(env => env with { Host = new FakeHost { Collector = collector } }, "connections", "--protocol", "tcp");
        Assert.False(collector.LastOptions!.IncludeUdp);
    }

    private static void AssertGolden(string name, string actual) => Golden.AssertMatches(name, actual);
}
