using System.Text.Json;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>
/// Sockets given only as counts (Group-Object, uniq -c) are listed as one row per count with a
/// `count` column, and grouped with their counts: 4 million counted sockets are 4 rows, not 4
/// million (issue 10: 82 bytes of such text became 4,000,000 socket objects and 1 GB of JSON).
/// </summary>
public sealed class CountedSocketsTests : IDisposable
{
    private const string GroupObject = "Count Name                      Group\r\n----- ----                      -----\r\n" +
        "1000000 TimeWait, 0             {MSFT_NetTCPConnection}\r\n1000000 Established, 4321      {MSFT_NetTCPConnection}\r\n" +
        "1000000 CloseWait, 4321        {MSFT_NetTCPConnection}\r\n1000000 Bound, 5120            {MSFT_NetTCPConnection}\r\n";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"pdo-counted-{Guid.NewGuid():N}.txt");

    public CountedSocketsTests() => File.WriteAllText(_file, GroupObject);

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Connections_lists_one_row_per_count_with_its_count()
    {
        var (code, output, error) = CliRunner.Run("connections", "--from", _file, "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(4_000_000, json.RootElement.GetProperty("count").GetInt32());
        var rows = json.RootElement.GetProperty("sockets").EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(1_000_000, r.GetProperty("count").GetInt32()));
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("localPort").ValueKind));
        Assert.Contains(rows, r => r.GetProperty("state").GetString() == "CLOSE_WAIT" && r.GetProperty("pid").GetInt32() == 4321);
    }

    [Fact]
    public void Connections_groups_counts_by_state_and_pid_and_filters_them()
    {
        var (code, output, error) = CliRunner.Run("connections", "--from", _file, "--group-by", "pid", "--format", "csv");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("4321,2000000", lines);
        Assert.Contains("5120,1000000", lines);

        (code, output, _) = CliRunner.Run("connections", "--from", _file, "--pid", "5120", "--format", "csv");
        Assert.Equal(0, code);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, rows.Length);
        Assert.EndsWith(",5120,,,,1000000", rows[1], StringComparison.Ordinal);

        // A port filter cannot match sockets that have no ports.
        (code, output, _) = CliRunner.Run("connections", "--from", _file, "--port", "443", "--format", "json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0, json.RootElement.GetProperty("count").GetInt32());
    }
}
